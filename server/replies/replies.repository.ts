import { sql } from 'kysely';
import type { Executor, ReplyRow } from '../db/schema.ts';
import { seenBy } from '../moderation/visibility.ts';

/** A reply as lists read it: its times already ISO text (see isoText). */
export type ReplyListRow = Omit<ReplyRow, 'path' | 'created_at' | 'updated_at'> & {
  created_at: string;
  updated_at: string;
  author_handle: string;
  viewer_vote: number;
};

/**
 * A timestamp formatted by PostgreSQL exactly as Date#toISOString formats it:
 * a thread of 200 replies then has 400 fewer dates for Node to parse and
 * format back (a tenth of a cache-missed thread read's CPU; docs/benchmarks.md).
 */
const isoText = (column: 'r.created_at' | 'r.updated_at') =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Each level of the order key is the reply id in 12 hex digits, so sorting by path is thread order. */
const PATH_DIGITS = 12;

function selectReplies(db: Executor, viewerId: string | null) {
  return db
    .selectFrom('replies as r')
    .innerJoin('users as u', 'u.id', 'r.author_id')
    .select([
      'r.id',
      'r.suggestion_id',
      'r.parent_id',
      'r.author_id',
      'r.depth',
      'r.body',
      'r.body_html',
      'r.score',
      'r.official',
      'r.deleted_at',
      'r.hidden_at',
      'r.hidden_reason',
      'r.pending',
    ])
    .select([isoText('r.created_at').as('created_at'), isoText('r.updated_at').as('updated_at')])
    .select('u.handle as author_handle')
    .select((eb) =>
      viewerId === null
        ? sql<number>`0`.as('viewer_vote')
        : eb.fn
            .coalesce(
              eb
                .selectFrom('reply_votes as rv')
                .select('rv.value')
                .whereRef('rv.reply_id', '=', 'r.id')
                .where('rv.user_id', '=', viewerId),
              sql<number>`0`,
            )
            .as('viewer_vote'),
    );
}

/**
 * A whole thread in one statement: parents before children, siblings oldest
 * first. Held replies only for moderators and their author; hidden ones stay
 * (as placeholders for everyone else) so the thread keeps its shape.
 */
export async function listThread(
  db: Executor,
  suggestionId: string,
  viewerId: string | null,
  moderator = false,
) {
  return selectReplies(db, viewerId)
    .where('r.suggestion_id', '=', suggestionId)
    .where(seenBy('r', { id: viewerId, moderator }, { hiddenCounts: true }))
    .orderBy('r.path')
    .execute() as Promise<ReplyListRow[]>;
}

export async function findReply(db: Executor, id: string, viewerId: string | null) {
  return selectReplies(db, viewerId).where('r.id', '=', id).executeTakeFirst() as Promise<
    ReplyListRow | undefined
  >;
}

export async function findForUpdate(db: Executor, id: string) {
  return db.selectFrom('replies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Inserts a reply under its parent (or at the top) and counts it on the
 * suggestion. The id is drawn first so the order key can end with it.
 */
export async function insertReply(
  db: Executor,
  values: {
    suggestionId: string;
    authorId: string;
    parent: { id: string; depth: number; path: string } | null;
    body: string;
    bodyHtml: string;
    /** Held for a moderator's approval (launch surge). */
    pending?: boolean;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    WITH n AS (SELECT nextval(pg_get_serial_sequence('replies', 'id')) AS id),
    counted AS (
      UPDATE suggestions SET reply_count = reply_count + 1 WHERE id = ${values.suggestionId} RETURNING id
    )
    INSERT INTO replies (id, suggestion_id, parent_id, author_id, depth, path, body, body_html, pending)
    SELECT n.id, counted.id, ${values.parent?.id ?? null}::bigint, ${values.authorId},
           ${values.parent ? values.parent.depth + 1 : 0},
           ${values.parent?.path ?? ''} || lpad(to_hex(n.id), ${PATH_DIGITS}, '0'),
           ${values.body}, ${values.bodyHtml}, ${values.pending ?? false}
    FROM n, counted
    RETURNING id`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('reply insert returned no row');
  return row.id;
}

export async function updateReply(
  db: Executor,
  id: string,
  changes: { body: string; body_html: string; deleted_at?: Date },
) {
  await db
    .updateTable('replies')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Replies held for approval, oldest first (the moderators' queue). */
export async function listPending(db: Executor, limit: number) {
  return selectReplies(db, null)
    .where('r.pending', '=', true)
    .orderBy('r.id')
    .limit(limit)
    .execute() as Promise<ReplyListRow[]>;
}
