import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireUser } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { listQuery, readBody } from './notifications.schemas.ts';
import * as notifications from './notifications.service.ts';
import * as subscriptions from './subscriptions.repository.ts';

/**
 * The signed-in user's own notifications, and following a suggestion. Authors
 * and voters follow without asking; an explicit unfollow wins over both.
 */
export function notificationRoutes({ db }: { db: Kysely<DB> }): Router {
  const router = Router();

  const list = validate({ query: listQuery });
  router.get('/notifications', requireUser, list, async (req, res) => {
    res.json(await notifications.listNotifications(db, currentUser(req).id, list.input(req).query));
  });

  const read = validate({ body: readBody });
  router.post('/notifications/read', requireUser, read, async (req, res) => {
    res.json(await notifications.markRead(db, currentUser(req).id, read.input(req).body.ids));
  });

  const target = validate({ params: idParams });
  router.get('/suggestions/:id/follow', requireUser, target, async (req, res) => {
    const { id } = target.input(req).params;
    const following = await subscriptions.isFollowing(db, id, currentUser(req).id);
    if (following === undefined) throw notFound('Suggestion');
    res.json({ following });
  });

  for (const [method, following] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    router[method]('/suggestions/:id/follow', requireUser, target, async (req, res) => {
      const { id } = target.input(req).params;
      if (!(await subscriptions.setFollowing(db, id, currentUser(req).id, following))) {
        throw notFound('Suggestion');
      }
      res.json({ following });
    });
  }

  return router;
}
