import { type RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole, requireUser } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import {
  flagBody,
  optionalReasonBody,
  pageQuery,
  reasonBody,
  resolveBody,
  surgeBody,
  suspendBody,
} from './moderation.schemas.ts';
import * as moderation from './moderation.service.ts';
import * as sanctions from './sanctions.service.ts';

interface Deps {
  db: Kysely<DB>;
  limitWrites: RequestHandler;
  /** Ends a user's open sockets on every instance (after a ban commits). */
  endUserSockets: (userId: string) => void;
}

/** Flags from members; the queue, audit log, sanctions and surge mode for moderators. */
export function moderationRoutes({ db, limitWrites, endUserSockets }: Deps): Router {
  const router = Router();
  const moderator = requireRole('moderator');

  const flag = validate({ body: flagBody });
  router.post('/flags', requireUser, limitWrites, flag, async (req, res) => {
    res
      .status(201)
      .json({ flag: await moderation.flag(db, currentUser(req).id, flag.input(req).body) });
  });

  const page = validate({ query: pageQuery });
  router.get('/moderation/queue', moderator, page, async (req, res) => {
    res.json(await moderation.queue(db, page.input(req).query));
  });

  const resolve = validate({ body: resolveBody });
  router.post('/moderation/queue/resolve', moderator, resolve, async (req, res) => {
    res.json(await moderation.resolve(db, currentUser(req).id, resolve.input(req).body));
  });

  router.get('/moderation/audit', moderator, page, async (req, res) => {
    res.json(await moderation.audit(db, page.input(req).query));
  });

  const ban = validate({ params: idParams, body: reasonBody });
  router.post('/users/:id/ban', moderator, ban, async (req, res) => {
    const { params, body } = ban.input(req);
    await sanctions.ban(db, currentUser(req), params.id, body.reason);
    endUserSockets(params.id);
    res.status(204).end();
  });

  const lift = validate({ params: idParams, body: optionalReasonBody });
  router.post('/users/:id/unban', moderator, lift, async (req, res) => {
    const { params, body } = lift.input(req);
    await sanctions.unban(db, currentUser(req), params.id, body.reason);
    res.status(204).end();
  });

  const suspend = validate({ params: idParams, body: suspendBody });
  router.post('/users/:id/suspend', moderator, suspend, async (req, res) => {
    const { params, body } = suspend.input(req);
    await sanctions.suspend(db, currentUser(req), params.id, body.until, body.reason);
    res.status(204).end();
  });

  router.post('/users/:id/unsuspend', moderator, lift, async (req, res) => {
    const { params, body } = lift.input(req);
    await sanctions.unsuspend(db, currentUser(req), params.id, body.reason);
    res.status(204).end();
  });

  const surge = validate({ params: idParams, body: surgeBody });
  router.patch(
    '/announcements/:id/surge',
    requireRole('team', 'moderator'),
    surge,
    async (req, res) => {
      const { params, body } = surge.input(req);
      res.json({ surge: await moderation.setSurge(db, currentUser(req).id, params.id, body) });
    },
  );

  return router;
}
