import type { Role } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import type { PublicRoomKind } from './rooms.ts';

/** Whether the announcement or suggestion behind a room exists. */
export async function roomTargetExists(
  db: Executor,
  kind: PublicRoomKind,
  id: string,
): Promise<boolean> {
  const table = kind === 'announcement' ? 'announcements' : 'suggestions';
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The current vote counts of some suggestions, with the announcement each belongs to. */
export async function suggestionVoteCounts(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('suggestions')
    .select(['id', 'announcement_id', 'vote_count'])
    .where('id', 'in', ids)
    .execute();
}

/** The current scores of some replies, with the suggestion each belongs to. */
export async function replyScores(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('replies')
    .select(['id', 'suggestion_id', 'score'])
    .where('id', 'in', ids)
    .execute();
}

/** A user's role and ban, to apply to their open sockets. */
export async function findViewer(
  db: Executor,
  id: string,
): Promise<{ role: Role; banned: boolean } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['role', 'banned_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { role: row.role, banned: row.banned_at !== null };
}
