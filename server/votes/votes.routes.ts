import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireUser } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { votesCounter } from '../metrics/metrics.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import { replyVoteBody } from './votes.schemas.ts';
import { setReplyVote, setSuggestionVote } from './votes.service.ts';

interface Deps {
  db: Kysely<DB>;
  broadcast: Broadcast;
}

/** Votes on suggestions (/suggestions/:id/vote) and replies (/replies/:id/vote). */
export function voteRoutes({ db, broadcast }: Deps): Router {
  const router = Router();
  const target = validate({ params: idParams });

  for (const [method, voted] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    router[method]('/suggestions/:id/vote', requireUser, target, async (req, res) => {
      const { id } = target.input(req).params;
      const outcome = await setSuggestionVote(db, id, currentUser(req).id, voted);
      if (outcome.changed) {
        votesCounter.inc({ target: 'suggestion', action: voted ? 'cast' : 'removed' });
        broadcast.suggestionVotes({
          id,
          announcementId: outcome.announcementId,
          voteCount: outcome.voteCount,
        });
      }
      res.json({ voteCount: outcome.voteCount, viewerHasVoted: outcome.viewerHasVoted });
    });
  }

  const replyVote = validate({ params: idParams, body: replyVoteBody });
  router.put('/replies/:id/vote', requireUser, replyVote, async (req, res) => {
    const { params, body } = replyVote.input(req);
    const outcome = await setReplyVote(db, params.id, currentUser(req).id, body.value);
    votesCounter.inc({ target: 'reply', action: 'cast' });
    broadcast.replyVotes({
      id: params.id,
      suggestionId: outcome.suggestionId,
      score: outcome.score,
    });
    res.json({ score: outcome.score, viewerVote: outcome.viewerVote });
  });

  router.delete('/replies/:id/vote', requireUser, target, async (req, res) => {
    const { id } = target.input(req).params;
    const outcome = await setReplyVote(db, id, currentUser(req).id, 0);
    votesCounter.inc({ target: 'reply', action: 'removed' });
    broadcast.replyVotes({ id, suggestionId: outcome.suggestionId, score: outcome.score });
    res.json({ score: outcome.score, viewerVote: 0 });
  });

  return router;
}
