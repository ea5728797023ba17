import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';

/**
 * Sets (value ±1) or clears (value 0) a member's vote on a reply. The reply row
 * is locked first, so concurrent changes by anyone take turns, and the score is
 * recomputed from the vote rows: it cannot drift.
 */
export async function setReplyVote(
  trx: Executor,
  replyId: string,
  userId: string,
  value: -1 | 0 | 1,
): Promise<{ score: number; suggestionId: string } | undefined> {
  const reply = await trx
    .selectFrom('replies')
    .select(['id', 'suggestion_id', 'deleted_at'])
    .where('id', '=', replyId)
    .forUpdate()
    .executeTakeFirst();
  if (!reply || reply.deleted_at) return undefined;
  if (value === 0) {
    await trx
      .deleteFrom('reply_votes')
      .where('reply_id', '=', replyId)
      .where('user_id', '=', userId)
      .execute();
  } else {
    await trx
      .insertInto('reply_votes')
      .values({ reply_id: replyId, user_id: userId, value })
      .onConflict((oc) => oc.columns(['reply_id', 'user_id']).doUpdateSet({ value }))
      .execute();
  }
  const { rows } = await sql<{ score: number }>`
    UPDATE replies SET score = (SELECT coalesce(sum(value), 0) FROM reply_votes WHERE reply_id = ${replyId})
    WHERE id = ${replyId} RETURNING score`.execute(trx);
  return { score: rows[0]?.score ?? 0, suggestionId: String(reply.suggestion_id) };
}
