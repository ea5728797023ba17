import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { push } from '../notifications/notifications.service.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { publicSuggestion } from '../suggestions/suggestions.service.ts';
import { roadmapQuery, shipBody } from './roadmap.schemas.ts';
import * as roadmap from './roadmap.service.ts';

interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
}

/** The public roadmap, and "shipped in this update" (closing the loop). */
export function roadmapRoutes({ db, broadcast }: Deps): Router {
  const router = Router();

  const board = validate({ query: roadmapQuery });
  router.get('/roadmap', board, async (req, res) => {
    res.json(await roadmap.getRoadmap(db, req.user?.id ?? null, board.input(req).query));
  });

  const announcement = validate({ params: idParams });
  router.get('/announcements/:id/shipped', announcement, async (req, res) => {
    const { id } = announcement.input(req).params;
    res.json({ items: await roadmap.listShipped(db, id, req.user?.id ?? null) });
  });

  const ship = validate({ params: idParams, body: shipBody });
  router.post('/announcements/:id/shipped', requireRole('team'), ship, async (req, res) => {
    const { params, body } = ship.input(req);
    const outcome = await db
      .transaction()
      .execute((trx) => roadmap.shipInUpdate(trx, currentUser(req), params.id, body.suggestionIds));
    for (const suggestion of outcome.changed)
      broadcast.suggestionUpdated(publicSuggestion(suggestion));
    push(broadcast, outcome.deliveries);
    res.json({ items: outcome.shipped, notified: outcome.deliveries.length });
  });

  return router;
}
