import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { currentUser, requireRole, requireUser } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { id, idParams, limit } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { optionalReasonBody, reasonBody } from './moderation.schemas.ts';
import * as posts from './posts.service.ts';

const decisionBody = z.object({
  kind: z.enum(['suggestion', 'reply']),
  id,
  reason: optionalReasonBody.shape.reason,
});

/** Announces a moderated post: created when released from the queue, else updated. */
function announce(broadcast: Broadcast, outcome: posts.PostOutcome) {
  if (outcome.kind === 'suggestion') {
    if (outcome.created) broadcast.suggestionCreated(outcome.shared);
    else broadcast.suggestionUpdated(outcome.shared);
  } else if (outcome.created) {
    broadcast.replyCreated(outcome.shared);
  } else {
    broadcast.replyUpdated(outcome.shared);
  }
}

/** Moderators hide, lock, delete and release held posts; every action is audited and goes out live. */
interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
  /** Makes sockets that may no longer see a room leave it, on every instance. */
  recheckRoom: (room: string) => Promise<void>;
}

export function moderatedPostRoutes({ db, broadcast, recheckRoom }: Deps): Router {
  const router = Router();
  const moderator = requireRole('moderator');
  const hide = validate({ params: idParams, body: reasonBody });
  const unhide = validate({ params: idParams, body: optionalReasonBody });

  for (const [kind, base] of [
    ['suggestion', '/suggestions'],
    ['reply', '/replies'],
  ] as const) {
    router.post(`${base}/:id/hide`, moderator, hide, async (req, res) => {
      const { params, body } = hide.input(req);
      const outcome = await posts.setHidden(
        db,
        currentUser(req),
        kind,
        params.id,
        true,
        body.reason,
      );
      announce(broadcast, outcome);
      // Fans already watching a hidden suggestion stop receiving its events.
      if (kind === 'suggestion') {
        await recheckRoom(`suggestion:${params.id}`).catch((err: unknown) =>
          req.log.warn({ err }, 'could not recheck the room of a hidden suggestion'),
        );
      }
      res.json({ [kind]: outcome.post });
    });
    router.post(`${base}/:id/unhide`, moderator, unhide, async (req, res) => {
      const { params, body } = unhide.input(req);
      const outcome = await posts.setHidden(
        db,
        currentUser(req),
        kind,
        params.id,
        false,
        body.reason,
      );
      announce(broadcast, outcome);
      res.json({ [kind]: outcome.post });
    });
  }

  for (const [action, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    router.post(
      `/suggestions/:id/${action}`,
      requireRole('team', 'moderator'),
      unhide,
      async (req, res) => {
        const { params, body } = unhide.input(req);
        const outcome = await posts.setSuggestionLocked(
          db,
          currentUser(req),
          params.id,
          locked,
          body.reason,
        );
        announce(broadcast, outcome);
        res.json({ suggestion: outcome.post });
      },
    );
  }

  router.delete('/suggestions/:id', requireUser, unhide, async (req, res) => {
    const { params, body } = unhide.input(req);
    const outcome = await posts.deleteSuggestion(db, currentUser(req), params.id, body.reason);
    announce(broadcast, outcome);
    res.json({ suggestion: outcome.post });
  });

  const pending = validate({ query: z.object({ limit }) });
  router.get('/moderation/pending', moderator, pending, async (req, res) => {
    res.json({ items: await posts.listPending(db, pending.input(req).query.limit) });
  });

  const decide = validate({ body: decisionBody });
  for (const [action, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    router.post(`/moderation/pending/${action}`, moderator, decide, async (req, res) => {
      const { body } = decide.input(req);
      const outcome = await posts.decidePending(
        db,
        currentUser(req),
        body.kind,
        body.id,
        approve,
        body.reason,
      );
      announce(broadcast, outcome);
      res.json({ [body.kind]: outcome.post });
    });
  }

  return router;
}
