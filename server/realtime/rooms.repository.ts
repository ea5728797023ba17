import type { Role } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import type { PublicRoomKind } from './rooms.ts';

/** What decides who may watch a room: its author, and whether the post is out of public view. */
export interface RoomTarget {
  authorId: string;
  /** Hidden by a moderator, held for approval, or deleted: only its author and moderators watch. */
  restricted: boolean;
}

/** The announcement or suggestion behind a room, or undefined when there is none. */
export async function findRoomTarget(
  db: Executor,
  kind: PublicRoomKind,
  id: string,
): Promise<RoomTarget | undefined> {
  if (kind === 'announcement') {
    const row = await db
      .selectFrom('announcements')
      .select('author_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { authorId: String(row.author_id), restricted: false };
  }
  const row = await db
    .selectFrom('suggestions')
    .select(['author_id', 'hidden_at', 'pending', 'deleted_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      authorId: String(row.author_id),
      restricted: row.hidden_at !== null || row.pending || row.deleted_at !== null,
    }
  );
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
