import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { push } from '../notifications/notifications.service.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { publicReply } from '../replies/replies.service.ts';
import { getSuggestion, publicSuggestion } from '../suggestions/suggestions.service.ts';
import * as merges from './merge.service.ts';
import * as notes from './notes.service.ts';
import * as statuses from './status.service.ts';
import { awaitingQuery, mergeBody, noteBody, responseBody, statusBody } from './triage.schemas.ts';

interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
}

/**
 * What the product team does with a suggestion: status (with history), official
 * response, merge and unmerge, the awaiting-response queue; internal notes for
 * team and moderators. Events and notifications go out after commit.
 */
export function triageRoutes({ db, broadcast }: Deps): Router {
  const router = Router();
  const team = requireRole('team');
  const staff = requireRole('team', 'moderator');
  const target = validate({ params: idParams });

  router.get('/suggestions/:id/status-history', target, async (req, res) => {
    const { id } = target.input(req).params;
    await getSuggestion(db, id, null);
    res.json({ items: await statuses.listHistory(db, id) });
  });

  const setStatus = validate({ params: idParams, body: statusBody });
  router.patch('/suggestions/:id/status', team, setStatus, async (req, res) => {
    const { params, body } = setStatus.input(req);
    const outcome = await db
      .transaction()
      .execute((trx) => statuses.changeStatus(trx, currentUser(req), params.id, body));
    if (outcome.change) {
      broadcast.suggestionUpdated(publicSuggestion(outcome.suggestion));
      push(broadcast, outcome.deliveries);
    }
    res.json({ suggestion: outcome.suggestion, change: outcome.change });
  });

  const respond = validate({ params: idParams, body: responseBody });
  router.post('/suggestions/:id/response', team, respond, async (req, res) => {
    const { params, body } = respond.input(req);
    const { reply, deliveries } = await db
      .transaction()
      .execute((trx) => statuses.postOfficialResponse(trx, currentUser(req), params.id, body.body));
    broadcast.replyCreated(publicReply(reply));
    push(broadcast, deliveries);
    res.status(201).json({ reply });
  });

  const merge = validate({ params: idParams, body: mergeBody });
  router.post('/suggestions/:id/merge', team, merge, async (req, res) => {
    const { params, body } = merge.input(req);
    const outcome = await db
      .transaction()
      .execute((trx) => merges.merge(trx, currentUser(req), params.id, body.intoId));
    broadcast.suggestionUpdated(publicSuggestion(outcome.source));
    broadcast.suggestionUpdated(publicSuggestion(outcome.target));
    push(broadcast, outcome.deliveries);
    res.json({ source: outcome.source, target: outcome.target });
  });

  router.post('/suggestions/:id/unmerge', team, target, async (req, res) => {
    const { id } = target.input(req).params;
    const outcome = await db
      .transaction()
      .execute((trx) => merges.unmerge(trx, currentUser(req), id));
    broadcast.suggestionUpdated(publicSuggestion(outcome.source));
    broadcast.suggestionUpdated(publicSuggestion(outcome.target));
    res.json(outcome);
  });

  const awaiting = validate({ query: awaitingQuery });
  router.get('/triage/awaiting', team, awaiting, async (req, res) => {
    res.json(await statuses.listAwaiting(db, currentUser(req).id, awaiting.input(req).query));
  });

  // Internal notes: team and moderators only; never broadcast, never in a public payload.
  router.get('/suggestions/:id/notes', staff, target, async (req, res) => {
    res.json({ items: await notes.listNotes(db, target.input(req).params.id) });
  });

  const addNote = validate({ params: idParams, body: noteBody });
  router.post('/suggestions/:id/notes', staff, addNote, async (req, res) => {
    const { params, body } = addNote.input(req);
    const note = await notes.addNote(db, currentUser(req), params.id, body.body);
    res.status(201).json({ note });
  });

  return router;
}
