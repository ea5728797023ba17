import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { createBody, listQuery, updateBody } from './announcements.schemas.ts';
import * as announcements from './announcements.service.ts';

export function announcementRoutes({ db }: { db: Kysely<DB> }): Router {
  const router = Router();

  const list = validate({ query: listQuery });
  router.get('/', list, async (req, res) => {
    res.json(await announcements.listAnnouncements(db, list.input(req).query));
  });

  const create = validate({ body: createBody });
  router.post('/', requireRole('team'), create, async (req, res) => {
    const announcement = await announcements.createAnnouncement(
      db,
      currentUser(req).id,
      create.input(req).body,
    );
    res.status(201).json({ announcement });
  });

  const show = validate({ params: idParams });
  router.get('/:id', show, async (req, res) => {
    res.json({ announcement: await announcements.getAnnouncement(db, show.input(req).params.id) });
  });

  const update = validate({ params: idParams, body: updateBody });
  router.patch('/:id', requireRole('team', 'moderator'), update, async (req, res) => {
    const { params, body } = update.input(req);
    const announcement = await db
      .transaction()
      .execute((trx) => announcements.updateAnnouncement(trx, currentUser(req), params.id, body));
    res.json({ announcement });
  });

  return router;
}
