import type { Kysely } from 'kysely';
import type { Reply, Suggestion } from '../contracts.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { createCoalescer } from './coalescer.ts';
import * as repo from './rooms.repository.ts';
import { rooms } from './rooms.ts';
import type { ForumServer } from './types.ts';

export { rooms } from './rooms.ts';
export type { ForumServer } from './types.ts';

/**
 * The only emitter of domain events. Call it after the transaction commits,
 * never inside one: nothing may be published for a write that rolled back.
 * Payloads carry absolute values and nothing about the viewer.
 */
export interface Broadcast {
  suggestionCreated(suggestion: Suggestion): void;
  suggestionUpdated(suggestion: Suggestion): void;
  /** Coalesced per suggestion; the event carries the count read when its window closes. */
  suggestionVotes(payload: { id: string; announcementId: string; voteCount: number }): void;
  replyCreated(reply: Reply): void;
  replyUpdated(reply: Reply): void;
  /** Coalesced per reply, like suggestionVotes. */
  replyVotes(payload: { id: string; suggestionId: string; score: number }): void;
  notification(userId: string, notification: unknown): void;
  /** Sends what is still waiting in a coalescing window (on shutdown). */
  flush(): Promise<void>;
}

/** Vote counts for one suggestion (or scores for one reply) go out at most once per window. */
export const VOTE_WINDOW_MS = 150;

interface Deps {
  io: ForumServer;
  db: Kysely<DB>;
  logger: Logger;
  voteWindowMs?: number;
}

export function createBroadcast({
  io,
  db,
  logger,
  voteWindowMs = VOTE_WINDOW_MS,
}: Deps): Broadcast {
  const onError = (err: unknown) =>
    logger.warn({ err }, 'could not read current counts; sending the last known ones');

  const suggestionVotes = createCoalescer<string, { announcementId: string; voteCount: number }>({
    windowMs: voteWindowMs,
    async read(ids) {
      const rows = await repo.suggestionVoteCounts(db, ids);
      return new Map(
        rows.map((row) => [
          String(row.id),
          { announcementId: String(row.announcement_id), voteCount: row.vote_count },
        ]),
      );
    },
    emit(id, { announcementId, voteCount }) {
      io.to([rooms.suggestion(id), rooms.announcement(announcementId)]).emit('suggestion:votes', {
        id,
        voteCount,
      });
    },
    same: (a, b) => a.voteCount === b.voteCount,
    onError,
  });

  const replyVotes = createCoalescer<string, { suggestionId: string; score: number }>({
    windowMs: voteWindowMs,
    async read(ids) {
      const rows = await repo.replyScores(db, ids);
      return new Map(
        rows.map((row) => [
          String(row.id),
          { suggestionId: String(row.suggestion_id), score: row.score },
        ]),
      );
    },
    emit(id, { suggestionId, score }) {
      io.to(rooms.suggestion(suggestionId)).emit('reply:votes', { id, score });
    },
    same: (a, b) => a.score === b.score,
    onError,
  });

  return {
    suggestionCreated(suggestion) {
      io.to(rooms.announcement(suggestion.announcementId)).emit(
        'suggestion:created',
        withoutViewerFields(suggestion),
      );
    },
    suggestionUpdated(suggestion) {
      io.to([rooms.suggestion(suggestion.id), rooms.announcement(suggestion.announcementId)]).emit(
        'suggestion:updated',
        withoutViewerFields(suggestion),
      );
    },
    suggestionVotes({ id, announcementId, voteCount }) {
      suggestionVotes.mark(id, { announcementId, voteCount });
    },
    replyCreated(reply) {
      io.to(rooms.suggestion(reply.suggestionId)).emit('reply:created', withoutViewerFields(reply));
    },
    replyUpdated(reply) {
      io.to(rooms.suggestion(reply.suggestionId)).emit('reply:updated', withoutViewerFields(reply));
    },
    replyVotes({ id, suggestionId, score }) {
      replyVotes.mark(id, { suggestionId, score });
    },
    notification(userId, notification) {
      io.to(rooms.user(userId)).emit('notification', notification);
    },
    async flush() {
      await Promise.all([suggestionVotes.flush(), replyVotes.flush()]);
    },
  };
}

/**
 * A view type (SuggestionView, ReplyView) is assignable to the public one, so
 * the compiler cannot stop a caller passing `viewerHasVoted` along; this does.
 */
function withoutViewerFields<T extends object>(payload: T): T {
  if (!Object.keys(payload).some((key) => key.startsWith('viewer'))) return payload;
  return Object.fromEntries(
    Object.entries(payload).filter(([key]) => !key.startsWith('viewer')),
  ) as T;
}
