import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';

/**
 * A suggestion can take votes when it exists, is not merged, locked, hidden,
 * held or deleted, and its announcement is not locked.
 */
const VOTABLE = sql`s.status <> 'merged' AND NOT s.locked AND NOT a.locked
  AND s.hidden_at IS NULL AND NOT s.pending AND s.deleted_at IS NULL`;

export interface VoteResult {
  /** false when the suggestion is missing or cannot take votes. */
  found: boolean;
  voteCount: number;
  announcementId: string;
  /** Whether this call changed anything (a repeated vote does not). */
  changed: boolean;
}

/** What one statement did for a batch of members voting on one suggestion. */
export interface BatchVoteResult {
  found: boolean;
  voteCount: number;
  announcementId: string;
  /** The members whose vote row was inserted (or deleted); the others had already voted (or not). */
  changed: Set<string>;
}

type BatchRow = {
  announcement_id: string;
  old_count: number;
  new_count: number | null;
  changed: string[];
};

/**
 * One statement for any number of members voting on one suggestion: the vote
 * rows are inserted (repeats skipped by the primary key) and the counter and
 * hot score move once, by the number inserted. No count is read into
 * JavaScript and written back. A hot suggestion's votes are queued and sent
 * through here together (vote-queue.ts), so its row lock is taken once per
 * batch instead of once per member.
 */
export async function castVotes(
  db: Executor,
  suggestionId: string,
  userIds: readonly string[],
): Promise<BatchVoteResult> {
  const { rows } = await sql<BatchRow>`
    WITH target AS (
      SELECT s.id, s.announcement_id, s.vote_count FROM suggestions s
      JOIN announcements a ON a.id = s.announcement_id
      WHERE s.id = ${suggestionId} AND ${VOTABLE}
    ),
    ins AS (
      INSERT INTO suggestion_votes (suggestion_id, user_id)
      SELECT target.id, voter FROM target, unnest(${userIds}::bigint[]) AS voter
      ON CONFLICT DO NOTHING
      RETURNING user_id
    ),
    n AS (SELECT count(*)::int AS n FROM ins),
    upd AS (
      UPDATE suggestions s
      SET vote_count = s.vote_count + n.n,
          hot_score = log(1 + s.vote_count + n.n) + extract(epoch from s.created_at) / 45000
      FROM n WHERE s.id = ${suggestionId} AND n.n > 0
      RETURNING s.vote_count
    )
    SELECT target.announcement_id, target.vote_count AS old_count,
      (SELECT vote_count FROM upd) AS new_count,
      (SELECT coalesce(array_agg(user_id::text), '{}') FROM ins) AS changed
    FROM target`.execute(db);
  return toBatchResult(rows[0]);
}

/** The mirror of castVotes: the counter moves by the number of rows deleted. */
export async function removeVotes(
  db: Executor,
  suggestionId: string,
  userIds: readonly string[],
): Promise<BatchVoteResult> {
  const { rows } = await sql<BatchRow>`
    WITH target AS (
      SELECT s.id, s.announcement_id, s.vote_count FROM suggestions s
      JOIN announcements a ON a.id = s.announcement_id
      WHERE s.id = ${suggestionId} AND ${VOTABLE}
    ),
    del AS (
      DELETE FROM suggestion_votes v USING target
      WHERE v.suggestion_id = target.id AND v.user_id = ANY(${userIds}::bigint[])
      RETURNING v.user_id
    ),
    n AS (SELECT count(*)::int AS n FROM del),
    upd AS (
      UPDATE suggestions s
      SET vote_count = s.vote_count - n.n,
          hot_score = log(1 + s.vote_count - n.n) + extract(epoch from s.created_at) / 45000
      FROM n WHERE s.id = ${suggestionId} AND n.n > 0
      RETURNING s.vote_count
    )
    SELECT target.announcement_id, target.vote_count AS old_count,
      (SELECT vote_count FROM upd) AS new_count,
      (SELECT coalesce(array_agg(user_id::text), '{}') FROM del) AS changed
    FROM target`.execute(db);
  return toBatchResult(rows[0]);
}

function toBatchResult(row: BatchRow | undefined): BatchVoteResult {
  if (!row) return { found: false, voteCount: 0, announcementId: '', changed: new Set() };
  return {
    found: true,
    announcementId: String(row.announcement_id),
    voteCount: row.new_count ?? row.old_count,
    changed: new Set(row.changed.map(String)),
  };
}

/** One member's vote, in one statement (the seed uses it; the API goes through vote-queue.ts). */
export async function castVote(
  db: Executor,
  suggestionId: string,
  userId: string,
): Promise<VoteResult> {
  return single(await castVotes(db, suggestionId, [userId]), userId);
}

/** The mirror of castVote. */
export async function removeVote(
  db: Executor,
  suggestionId: string,
  userId: string,
): Promise<VoteResult> {
  return single(await removeVotes(db, suggestionId, [userId]), userId);
}

function single(batch: BatchVoteResult, userId: string): VoteResult {
  return {
    found: batch.found,
    voteCount: batch.voteCount,
    announcementId: batch.announcementId,
    changed: batch.changed.has(userId),
  };
}

export async function hasVoted(
  db: Executor,
  suggestionId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('suggestion_votes')
    .select('user_id')
    .where('suggestion_id', '=', suggestionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Why a suggestion cannot take votes: missing, merged or locked. */
export async function votability(db: Executor, suggestionId: string) {
  return db
    .selectFrom('suggestions as s')
    .innerJoin('announcements as a', 'a.id', 's.announcement_id')
    .select([
      's.status',
      's.locked',
      'a.locked as announcement_locked',
      's.hidden_at',
      's.pending',
      's.deleted_at',
    ])
    .where('s.id', '=', suggestionId)
    .executeTakeFirst();
}

/**
 * The member's vote on the suggestion, if cast, with the current count: two
 * primary-key lookups. A repeated vote (a double click, a retry) is answered
 * from here and writes nothing.
 */
export async function findCastVote(db: Executor, suggestionId: string, userId: string) {
  return db
    .selectFrom('suggestion_votes as v')
    .innerJoin('suggestions as s', 's.id', 'v.suggestion_id')
    .select(['s.vote_count', 's.announcement_id'])
    .where('v.suggestion_id', '=', suggestionId)
    .where('v.user_id', '=', userId)
    .executeTakeFirst();
}
