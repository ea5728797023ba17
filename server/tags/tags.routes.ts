import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { publicSuggestion } from '../suggestions/suggestions.service.ts';
import { createBody, setBody } from './tags.schemas.ts';
import * as tags from './tags.service.ts';

interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
}

/** Tags: anyone lists them (lists filter with `?tag=`); the team manages and applies them. */
export function tagRoutes({ db, broadcast }: Deps): Router {
  const router = Router();
  const team = requireRole('team');

  router.get('/tags', async (_req, res) => {
    res.json({ items: await tags.listTags(db) });
  });

  const create = validate({ body: createBody });
  router.post('/tags', team, create, async (req, res) => {
    res.status(201).json({ tag: await tags.createTag(db, create.input(req).body.name) });
  });

  const remove = validate({ params: idParams });
  router.delete('/tags/:id', team, remove, async (req, res) => {
    await tags.deleteTag(db, remove.input(req).params.id);
    res.status(204).end();
  });

  const apply = validate({ params: idParams, body: setBody });
  router.put('/suggestions/:id/tags', team, apply, async (req, res) => {
    const { params, body } = apply.input(req);
    const suggestion = await db
      .transaction()
      .execute((trx) => tags.setSuggestionTags(trx, currentUser(req).id, params.id, body.tagIds));
    broadcast.suggestionUpdated(publicSuggestion(suggestion));
    res.json({ suggestion });
  });

  return router;
}
