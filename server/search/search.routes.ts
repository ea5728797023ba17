import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { validate } from '../http/validate.ts';
import { searchQuery, similarQuery } from './search.schemas.ts';
import * as search from './search.service.ts';

/**
 * Public search. Mounted before the suggestion routes: `/suggestions/similar`
 * would otherwise reach `/suggestions/:id` and fail its id check.
 */
export function searchRoutes({ db }: { db: Kysely<DB> }): Router {
  const router = Router();

  const find = validate({ query: searchQuery });
  router.get('/search', find, async (req, res) => {
    res.json(await search.search(db, req.user?.id ?? null, find.input(req).query));
  });

  const like = validate({ query: similarQuery });
  router.get('/suggestions/similar', like, async (req, res) => {
    res.json({ items: await search.similar(db, like.input(req).query) });
  });

  return router;
}
