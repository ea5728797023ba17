import { type ExpressionBuilder, sql } from 'kysely';
import type { SuggestionSort, SuggestionStatus } from '../contracts.ts';
import type { DB, Executor, SuggestionRow } from '../db/schema.ts';
import { seenBy } from '../moderation/visibility.ts';

export type SuggestionListRow = SuggestionRow & {
  author_handle: string;
  viewer_has_voted: boolean;
  sort_key: number | string;
  tags: { id: string; name: string }[];
};

/** Hot: votes on a log scale plus age; ten times the votes outranks 12.5 hours of age. */
export const hotScore = (votes: string, createdAt: string) =>
  sql<number>`log(1 + ${sql.ref(votes)}) + extract(epoch from ${sql.ref(createdAt)}) / 45000`;

const viewerHasVoted =
  (viewerId: string | null) => (eb: ExpressionBuilder<DB & { s: DB['suggestions'] }, 's'>) =>
    viewerId === null
      ? sql<boolean>`false`.as('viewer_has_voted')
      : eb
          .exists(
            eb
              .selectFrom('suggestion_votes as v')
              .select(sql`1`.as('one'))
              .whereRef('v.suggestion_id', '=', 's.id')
              .where('v.user_id', '=', viewerId),
          )
          .$castTo<boolean>()
          .as('viewer_has_voted');

/** The suggestion's tags as [{id, name}], by name. */
const tagList = sql<{ id: string; name: string }[]>`coalesce((
  SELECT jsonb_agg(jsonb_build_object('id', t.id::text, 'name', t.name) ORDER BY lower(t.name))
  FROM suggestion_tags st JOIN tags t ON t.id = st.tag_id WHERE st.suggestion_id = s.id
), '[]'::jsonb)`.as('tags');

/** Carries the tag (case-insensitive name). */
const taggedWith = (tag: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM suggestion_tags st JOIN tags t ON t.id = st.tag_id
    WHERE st.suggestion_id = s.id AND lower(t.name) = lower(${tag}))`;

/** Suggestions as every list shows them (author, tags, the viewer's vote); other features reuse it. */
export function selectSuggestions(db: Executor, viewerId: string | null) {
  return db
    .selectFrom('suggestions as s')
    .innerJoin('users as u', 'u.id', 's.author_id')
    .selectAll('s')
    .select('u.handle as author_handle')
    .select(viewerHasVoted(viewerId))
    .select(tagList);
}

export interface ListOptions {
  announcementId: string;
  sort: SuggestionSort;
  status?: SuggestionStatus | undefined;
  tag?: string | undefined;
  limit: number;
  after?: [number, string] | undefined;
  viewerId: string | null;
  /** Moderators also see hidden and held suggestions (marked). */
  moderator?: boolean;
}

/** Listed: not deleted, and not hidden or held unless the viewer may see it. */
const listable = (options: ListOptions) =>
  sql<boolean>`s.deleted_at IS NULL AND ${seenBy('s', { id: options.viewerId, moderator: options.moderator ?? false }, { hiddenCounts: false })}`;

const SORT_COLUMN = { hot: 's.hot_score', top: 's.vote_count', new: 's.id' } as const;

/**
 * One statement per page: keyset pagination on (sort key, id), the viewer's vote
 * folded in. Merged suggestions are listed only when asked for by status.
 */
export async function listSuggestions(
  db: Executor,
  options: ListOptions,
): Promise<SuggestionListRow[]> {
  if (options.sort === 'trending') return listTrending(db, options);
  const column = SORT_COLUMN[options.sort];
  let query = selectSuggestions(db, options.viewerId)
    .select(sql.ref<number | string>(column).as('sort_key'))
    .where('s.announcement_id', '=', options.announcementId)
    .where(listable(options));
  query = options.status
    ? query.where('s.status', '=', options.status)
    : query.where('s.status', '!=', 'merged');
  if (options.tag !== undefined) query = query.where(taggedWith(options.tag));
  if (options.after) {
    const [key, id] = options.after;
    query =
      column === 's.id'
        ? query.where('s.id', '<', id)
        : query.where((eb) => eb(eb.refTuple(column, 's.id'), '<', eb.tuple(key, id)));
  }
  return query
    .orderBy(column, 'desc')
    .orderBy('s.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** Trending: votes cast in the last 24 hours, then id. */
async function listTrending(db: Executor, options: ListOptions): Promise<SuggestionListRow[]> {
  const since = new Date(Date.now() - 86_400_000);
  const inner = selectSuggestions(db, options.viewerId)
    .select((eb) =>
      eb
        .selectFrom('suggestion_votes as tv')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tv.suggestion_id', '=', 's.id')
        .where('tv.created_at', '>', since)
        .as('sort_key'),
    )
    .where('s.announcement_id', '=', options.announcementId)
    .where(listable(options))
    .$if(options.status !== undefined, (q) => q.where('s.status', '=', options.status!))
    .$if(options.status === undefined, (q) => q.where('s.status', '!=', 'merged'))
    .$if(options.tag !== undefined, (q) => q.where(taggedWith(options.tag!)));
  let query = db.selectFrom(inner.as('t')).selectAll('t');
  if (options.after) {
    const [key, id] = options.after;
    query = query.where((eb) => eb(eb.refTuple('t.sort_key', 't.id'), '<', eb.tuple(key, id)));
  }
  return query
    .orderBy('t.sort_key', 'desc')
    .orderBy('t.id', 'desc')
    .limit(options.limit + 1)
    .execute() as Promise<SuggestionListRow[]>;
}

/** One suggestion; hidden or held ones only for moderators and the author (deleted ones stay, as placeholders). */
export async function findSuggestion(
  db: Executor,
  id: string,
  viewerId: string | null,
  moderator = false,
) {
  return selectSuggestions(db, viewerId)
    .select(sql<number | string>`0`.as('sort_key'))
    .where('s.id', '=', id)
    .where(seenBy('s', { id: viewerId, moderator }, { hiddenCounts: false }))
    .executeTakeFirst();
}

/** Inserts a suggestion and counts it on its announcement, in one statement; undefined when the announcement is missing or locked. */
export async function insertSuggestion(
  db: Executor,
  values: {
    announcementId: string;
    authorId: string;
    title: string;
    body: string;
    bodyHtml: string;
    /** Held for a moderator's approval (launch surge). */
    pending?: boolean;
  },
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    WITH a AS (
      UPDATE announcements SET suggestion_count = suggestion_count + 1
      WHERE id = ${values.announcementId} AND NOT locked
      RETURNING id
    )
    INSERT INTO suggestions (announcement_id, author_id, title, body, body_html, hot_score, pending)
    SELECT a.id, ${values.authorId}, ${values.title}, ${values.body}, ${values.bodyHtml},
           extract(epoch from now()) / 45000, ${values.pending ?? false}
    FROM a
    RETURNING id`.execute(db);
  return rows[0]?.id;
}

/** The suggestion row, locked for this transaction, with whether its announcement is locked. */
export async function findForUpdate(db: Executor, id: string) {
  return db
    .selectFrom('suggestions as s')
    .innerJoin('announcements as a', 'a.id', 's.announcement_id')
    .selectAll('s')
    .select('a.locked as announcement_locked')
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function updateText(
  db: Executor,
  id: string,
  changes: { title: string; body: string; body_html: string },
) {
  await db
    .updateTable('suggestions')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Suggestions held for approval, oldest first (the moderators' queue). */
export async function listPending(db: Executor, limit: number): Promise<SuggestionListRow[]> {
  return selectSuggestions(db, null)
    .select(sql<number | string>`0`.as('sort_key'))
    .where('s.pending', '=', true)
    .orderBy('s.id')
    .limit(limit)
    .execute();
}
