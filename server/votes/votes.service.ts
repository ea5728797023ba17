import type { Kysely } from 'kysely';
import type { DB, Executor } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import * as replyVotes from './reply-votes.repository.ts';
import { voteQueueFor } from './vote-queue.ts';
import * as repo from './votes.repository.ts';

export interface SuggestionVoteOutcome {
  voteCount: number;
  viewerHasVoted: boolean;
  announcementId: string;
  changed: boolean;
}

/** Votes (or unvotes) idempotently: a second identical call changes nothing and answers the same. */
export async function setSuggestionVote(
  db: Executor,
  suggestionId: string,
  userId: string,
  voted: boolean,
): Promise<SuggestionVoteOutcome> {
  if (voted) {
    const cast = await repo.findCastVote(db, suggestionId, userId);
    if (cast) {
      const announcementId = String(cast.announcement_id);
      return { voteCount: cast.vote_count, viewerHasVoted: true, announcementId, changed: false };
    }
  }
  // Queued per suggestion: a hot one's votes go to the database in batches.
  const result = await voteQueueFor(db).submit(suggestionId, userId, voted);
  if (!result.found) throw await whyNotVotable(db, suggestionId);
  return {
    voteCount: result.voteCount,
    viewerHasVoted: voted,
    announcementId: result.announcementId,
    changed: result.changed,
  };
}

async function whyNotVotable(db: Executor, suggestionId: string): Promise<AppError> {
  const row = await repo.votability(db, suggestionId);
  if (!row || row.hidden_at || row.pending) return notFound('Suggestion');
  if (row.deleted_at) return new AppError(409, 'deleted', 'This suggestion was deleted');
  if (row.status === 'merged') {
    return new AppError(
      409,
      'merged',
      'This suggestion was merged; vote on the one it was merged into',
    );
  }
  return new AppError(409, 'locked', 'Voting is closed here');
}

export async function setReplyVote(
  db: Kysely<DB>,
  replyId: string,
  userId: string,
  value: -1 | 0 | 1,
): Promise<{ score: number; viewerVote: -1 | 0 | 1; suggestionId: string }> {
  const result = await db
    .transaction()
    .execute((trx) => replyVotes.setReplyVote(trx, replyId, userId, value));
  if (!result) throw notFound('Reply');
  return { score: result.score, viewerVote: value, suggestionId: result.suggestionId };
}
