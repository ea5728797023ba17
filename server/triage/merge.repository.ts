import { sql } from 'kysely';
import type { Executor, SuggestionStatus } from '../db/schema.ts';

/** Both rows locked in id order (two merges crossing cannot deadlock). */
export async function lockPair(db: Executor, a: string, b: string) {
  return db
    .selectFrom('suggestions')
    .select(['id', 'title', 'status', 'shipped_in_id'])
    .where('id', 'in', [a, b])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function insertMerge(
  db: Executor,
  values: {
    sourceId: string;
    targetId: string;
    actorId: string;
    sourceStatus: SuggestionStatus;
    sourceShippedInId: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('suggestion_merges')
    .values({
      source_id: values.sourceId,
      target_id: values.targetId,
      actor_id: values.actorId,
      source_status: values.sourceStatus,
      source_shipped_in_id: values.sourceShippedInId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Records every vote of the source (moved, or a duplicate of a vote on the
 * target), then moves them: one vote per person on the target, none left on the
 * source. Votes keep their original time.
 */
export async function moveVotes(db: Executor, mergeId: string, source: string, target: string) {
  await sql`
    INSERT INTO suggestion_merge_votes (merge_id, user_id, voted_at, moved)
    SELECT ${mergeId}, v.user_id, v.created_at, NOT EXISTS (
      SELECT 1 FROM suggestion_votes t WHERE t.suggestion_id = ${target} AND t.user_id = v.user_id)
    FROM suggestion_votes v WHERE v.suggestion_id = ${source}`.execute(db);
  await sql`
    INSERT INTO suggestion_votes (suggestion_id, user_id, created_at)
    SELECT ${target}, user_id, voted_at FROM suggestion_merge_votes
    WHERE merge_id = ${mergeId} AND moved`.execute(db);
  await sql`DELETE FROM suggestion_votes WHERE suggestion_id = ${source}`.execute(db);
}

/** Records and moves every reply of the source (whole threads; paths stay valid). */
export async function moveReplies(db: Executor, mergeId: string, source: string, target: string) {
  await sql`
    INSERT INTO suggestion_merge_replies (merge_id, reply_id)
    SELECT ${mergeId}, id FROM replies WHERE suggestion_id = ${source}`.execute(db);
  await sql`UPDATE replies SET suggestion_id = ${target} WHERE suggestion_id = ${source}`.execute(
    db,
  );
}

/** Counters and hot score recomputed from the rows, so they cannot drift. */
export async function recount(db: Executor, ids: string[]) {
  await sql`
    UPDATE suggestions s SET
      vote_count = c.votes,
      reply_count = (SELECT count(*) FROM replies r WHERE r.suggestion_id = s.id),
      hot_score = log(1 + c.votes) + extract(epoch from s.created_at) / 45000
    FROM (
      SELECT x.id, (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = x.id)::int AS votes
      FROM suggestions x WHERE x.id IN (${sql.join(ids)})
    ) c
    WHERE s.id = c.id`.execute(db);
}

/** Merged: points at the target with no "shipped in" link; unmerged: the status and link it had. */
export async function setMerged(
  db: Executor,
  source: string,
  state:
    | { status: 'merged'; mergedIntoId: string }
    | { status: SuggestionStatus; shippedInId: string | null },
) {
  await db
    .updateTable('suggestions')
    .set({
      status: state.status,
      merged_into_id: 'mergedIntoId' in state ? state.mergedIntoId : null,
      shipped_in_id: 'shippedInId' in state ? state.shippedInId : null,
      updated_at: new Date(),
    })
    .where('id', '=', source)
    .execute();
}

/** The merge of this suggestion now in force, if any. */
export async function findActiveMerge(db: Executor, sourceId: string) {
  return db
    .selectFrom('suggestion_merges')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Puts the recorded votes back on the source. A moved vote leaves the target
 * (if its voter has not withdrawn it since); a duplicate one simply returns, so a
 * member who had voted on both has both again.
 */
export async function restoreVotes(db: Executor, mergeId: string, source: string, target: string) {
  await sql`
    WITH back AS (
      DELETE FROM suggestion_votes v USING suggestion_merge_votes m
      WHERE m.merge_id = ${mergeId} AND m.moved
        AND v.suggestion_id = ${target} AND v.user_id = m.user_id
      RETURNING v.user_id
    )
    INSERT INTO suggestion_votes (suggestion_id, user_id, created_at)
    SELECT ${source}, m.user_id, m.voted_at FROM suggestion_merge_votes m
    WHERE m.merge_id = ${mergeId} AND (NOT m.moved OR m.user_id IN (SELECT user_id FROM back))
    ON CONFLICT DO NOTHING`.execute(db);
}

/** Moves the recorded threads back, with any replies added under them since. */
export async function restoreReplies(
  db: Executor,
  mergeId: string,
  source: string,
  target: string,
) {
  await sql`
    UPDATE replies r SET suggestion_id = ${source}
    WHERE r.suggestion_id = ${target} AND EXISTS (
      SELECT 1 FROM suggestion_merge_replies mr JOIN replies root ON root.id = mr.reply_id
      WHERE mr.merge_id = ${mergeId} AND root.depth = 0
        AND left(r.path, length(root.path)) = root.path
    )`.execute(db);
}

export async function finishUnmerge(db: Executor, mergeId: string, actorId: string) {
  await db
    .updateTable('suggestion_merges')
    .set({ undone_at: new Date(), undone_by: actorId })
    .where('id', '=', mergeId)
    .execute();
}
