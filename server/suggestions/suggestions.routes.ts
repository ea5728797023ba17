import { type RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireUser } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { viewerOf } from '../moderation/visibility.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { listThread } from '../replies/replies.service.ts';
import { createBody, listQuery, updateBody } from './suggestions.schemas.ts';
import * as suggestions from './suggestions.service.ts';
import { serveVisitorThread, type ThreadCache } from './thread-cache.ts';

interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
  limitWrites: RequestHandler;
  /** Visitors' thread reads, pre-serialized (see thread-cache.ts). */
  threads?: ThreadCache | undefined;
}

export function suggestionRoutes({ db, broadcast, limitWrites, threads }: Deps): Router {
  const router = Router();

  const list = validate({ params: idParams, query: listQuery });
  router.get('/announcements/:id/suggestions', list, async (req, res) => {
    const { params, query } = list.input(req);
    const viewer = viewerOf(req.user);
    res.json(await suggestions.listSuggestions(db, params.id, query, viewer.id, viewer.moderator));
  });

  const create = validate({ params: idParams, body: createBody });
  router.post(
    '/announcements/:id/suggestions',
    requireUser,
    limitWrites,
    create,
    async (req, res) => {
      const { params, body } = create.input(req);
      const suggestion = await suggestions.createSuggestion(
        db,
        params.id,
        currentUser(req).id,
        body,
      );
      // A post held for approval is announced when a moderator approves it.
      if (!suggestion.pending)
        broadcast.suggestionCreated(suggestions.publicSuggestion(suggestion));
      res.status(201).json({ suggestion });
    },
  );

  const show = validate({ params: idParams });
  // A visitor's view has no viewer fields: one cached copy serves them all.
  const visitorThread = serveVisitorThread(threads, async (id) => {
    const [suggestion, replies] = await Promise.all([
      suggestions.getSuggestion(db, id, null),
      listThread(db, id, null),
    ]);
    return { suggestion, replies };
  });
  router.get('/suggestions/:id', show, visitorThread, async (req, res) => {
    const { id } = show.input(req).params;
    const { id: viewerId, moderator } = viewerOf(req.user);
    const [suggestion, replies] = await Promise.all([
      suggestions.getSuggestion(db, id, viewerId, moderator),
      listThread(db, id, viewerId, moderator),
    ]);
    res.json({ suggestion, replies });
  });

  router.get('/suggestions/:id/revisions', show, async (req, res) => {
    const { id } = show.input(req).params;
    const viewer = viewerOf(req.user);
    const suggestion = await suggestions.getSuggestion(db, id, viewer.id, viewer.moderator);
    // The history of a deleted suggestion is as gone as its text.
    res.json({ items: suggestion.deleted ? [] : await suggestions.listRevisions(db, id) });
  });

  const update = validate({ params: idParams, body: updateBody });
  router.patch('/suggestions/:id', requireUser, limitWrites, update, async (req, res) => {
    const { params, body } = update.input(req);
    const suggestion = await db
      .transaction()
      .execute((trx) => suggestions.editSuggestion(trx, currentUser(req), params.id, body));
    broadcast.suggestionUpdated(suggestions.publicSuggestion(suggestion));
    res.json({ suggestion });
  });

  return router;
}
