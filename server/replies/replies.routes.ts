import { type RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireUser } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { notifyReplied, push } from '../notifications/notifications.service.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { getSuggestion, publicSuggestion } from '../suggestions/suggestions.service.ts';
import { createBody, updateBody } from './replies.schemas.ts';
import * as replies from './replies.service.ts';

interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
  limitWrites: RequestHandler;
}

export function replyRoutes({ db, broadcast, limitWrites }: Deps): Router {
  const router = Router();

  const create = validate({ params: idParams, body: createBody });
  router.post('/suggestions/:id/replies', requireUser, limitWrites, create, async (req, res) => {
    const { params, body } = create.input(req);
    const { reply, deliveries } = await db.transaction().execute(async (trx) => {
      const reply = await replies.createReply(trx, params.id, currentUser(req).id, body);
      // A reply held for approval notifies no one until a moderator releases it.
      return {
        reply,
        deliveries: reply.pending ? [] : await notifyReplied(trx, currentUser(req), reply),
      };
    });
    if (!reply.pending) {
      broadcast.replyCreated(replies.publicReply(reply));
      // Lists on the announcement page show reply counts: send the suggestion there too.
      broadcast.suggestionUpdated(publicSuggestion(await getSuggestion(db, params.id, null)));
    }
    push(broadcast, deliveries);
    res.status(201).json({ reply });
  });

  const update = validate({ params: idParams, body: updateBody });
  router.patch('/replies/:id', requireUser, limitWrites, update, async (req, res) => {
    const { params, body } = update.input(req);
    const reply = await db
      .transaction()
      .execute((trx) => replies.editReply(trx, currentUser(req), params.id, body.body));
    broadcast.replyUpdated(replies.publicReply(reply));
    res.json({ reply });
  });

  const remove = validate({ params: idParams });
  router.delete('/replies/:id', requireUser, remove, async (req, res) => {
    const { id } = remove.input(req).params;
    const reply = await db
      .transaction()
      .execute((trx) => replies.deleteReply(trx, currentUser(req), id));
    broadcast.replyUpdated(replies.publicReply(reply));
    res.json({ reply });
  });

  return router;
}
