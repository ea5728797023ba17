import { type RawBuilder, sql } from 'kysely';
import type { Executor, NotificationKind } from '../db/schema.ts';

/** A notification row as lists and pushes read it: the actor's handle joined in. */
export type NotificationRow = {
  id: string;
  user_id: string;
  kind: NotificationKind;
  suggestion_id: string | null;
  announcement_id: string | null;
  actor_id: string | null;
  actor_handle: string | null;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
};

/**
 * Who follows the suggestions whose ids `ids` yields: their authors, their voters
 * and explicit followers, less explicit unfollows. Rows (suggestion_id, user_id).
 */
export function audience(ids: RawBuilder<unknown>) {
  return sql<{ suggestion_id: string; user_id: string }>`(
    SELECT x.suggestion_id, x.user_id FROM (
      SELECT s.id AS suggestion_id, s.author_id AS user_id FROM suggestions s WHERE s.id IN (${ids})
      UNION
      SELECT v.suggestion_id, v.user_id FROM suggestion_votes v WHERE v.suggestion_id IN (${ids})
      UNION
      SELECT f.suggestion_id, f.user_id FROM subscriptions f
      WHERE f.following AND f.suggestion_id IN (${ids})
    ) x
    WHERE NOT EXISTS (
      SELECT 1 FROM subscriptions u
      WHERE u.suggestion_id = x.suggestion_id AND u.user_id = x.user_id AND NOT u.following
    )
  )`;
}

/**
 * One notification for everyone who follows the suggestion but the actor, in ONE
 * set-based statement however many thousands follow it. Returns whom it reached.
 */
export async function fanOut(
  db: Executor,
  n: { kind: NotificationKind; suggestionId: string; actorId: string; data: object },
): Promise<{ id: string; user_id: string; created_at: Date }[]> {
  const { rows } = await sql<{ id: string; user_id: string; created_at: Date }>`
    INSERT INTO notifications (user_id, kind, suggestion_id, actor_id, data)
    SELECT a.user_id, ${n.kind}, ${n.suggestionId}, ${n.actorId}, ${JSON.stringify(n.data)}::jsonb
    FROM ${audience(sql`${n.suggestionId}`)} a
    WHERE a.user_id <> ${n.actorId}
    RETURNING id, user_id, created_at`.execute(db);
  return rows;
}

/** A notification for one person (a reply to their post); none when they are the actor. */
export async function notifyOne(
  db: Executor,
  n: {
    userId: string;
    kind: NotificationKind;
    suggestionId: string;
    actorId: string;
    data: object;
  },
): Promise<{ id: string; user_id: string; created_at: Date } | undefined> {
  if (n.userId === n.actorId) return undefined;
  return db
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      kind: n.kind,
      suggestion_id: n.suggestionId,
      actor_id: n.actorId,
      data: JSON.stringify(n.data),
    })
    .returning(['id', 'user_id', 'created_at'])
    .executeTakeFirst();
}

/**
 * The "shipped in this update" digest, one per person and announcement (a unique
 * index keeps it so): everyone following a suggestion just shipped in it gets, in
 * one statement, one notification listing every suggestion of theirs shipped in
 * that announcement so far. A later call updates the same notification.
 */
export async function shippedDigest(
  db: Executor,
  d: { announcementId: string; title: string; actorId: string; newlyShipped: string[] },
): Promise<Omit<NotificationRow, 'actor_handle'>[]> {
  if (d.newlyShipped.length === 0) return [];
  const { rows } = await sql<Omit<NotificationRow, 'actor_handle'>>`
    WITH shipped AS (SELECT id, title FROM suggestions WHERE shipped_in_id = ${d.announcementId}),
    followers AS (SELECT * FROM ${audience(sql`SELECT id FROM shipped`)} a),
    reached AS (
      SELECT DISTINCT user_id FROM followers
      WHERE suggestion_id IN (${sql.join(d.newlyShipped)}) AND user_id <> ${d.actorId}
    ),
    per_user AS (
      SELECT f.user_id,
             jsonb_agg(jsonb_build_object('id', s.id::text, 'title', s.title) ORDER BY s.id) AS items
      FROM followers f JOIN shipped s ON s.id = f.suggestion_id
      WHERE f.user_id IN (SELECT user_id FROM reached)
      GROUP BY f.user_id
    )
    INSERT INTO notifications (user_id, kind, announcement_id, actor_id, data)
    SELECT user_id, 'shipped', ${d.announcementId}, ${d.actorId},
           jsonb_build_object('announcement',
             jsonb_build_object('id', ${d.announcementId}::text, 'title', ${d.title}::text),
             'suggestions', items)
    FROM per_user
    ON CONFLICT (user_id, announcement_id) WHERE kind = 'shipped'
    DO UPDATE SET data = EXCLUDED.data, actor_id = EXCLUDED.actor_id, read_at = NULL
    RETURNING id, user_id, kind, suggestion_id, announcement_id, actor_id, data, read_at, created_at`.execute(
    db,
  );
  return rows;
}

/** Newest first; keyset on id. */
export async function listForUser(
  db: Executor,
  options: { userId: string; unreadOnly: boolean; limit: number; before?: string | undefined },
): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications as n')
    .leftJoin('users as u', 'u.id', 'n.actor_id')
    .selectAll('n')
    .select('u.handle as actor_handle')
    .where('n.user_id', '=', options.userId)
    .$if(options.unreadOnly, (q) => q.where('n.read_at', 'is', null))
    .$if(options.before !== undefined, (q) => q.where('n.id', '<', options.before!))
    .orderBy('n.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the user's own notifications read: the given ids, or all. Others' ids do nothing. */
export async function markRead(db: Executor, userId: string, ids: string[] | undefined) {
  await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .$if(ids !== undefined, (q) => q.where('id', 'in', ids!))
    .execute();
}

/** Whose post a new reply answers: the parent reply's author, or the suggestion's. */
export async function repliedTo(
  db: Executor,
  suggestionId: string,
  parentId: string | null,
): Promise<{ user_id: string | null; title: string } | undefined> {
  return db
    .selectFrom('suggestions as s')
    .leftJoin('replies as p', (join) =>
      join.on('p.id', '=', parentId ?? '0').on('p.deleted_at', 'is', null),
    )
    .select(['s.title'])
    .select((eb) =>
      (parentId === null ? eb.ref('s.author_id') : eb.ref('p.author_id')).as('user_id'),
    )
    .where('s.id', '=', suggestionId)
    .executeTakeFirst();
}
