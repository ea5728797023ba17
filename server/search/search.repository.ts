import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';
import {
  type SuggestionListRow,
  selectSuggestions,
} from '../suggestions/suggestions.repository.ts';
import { visibleToAll } from '../triage/visibility.ts';

/**
 * Full text over the weighted document (title A, body B) kept in
 * suggestion_search; websearch_to_tsquery accepts any text without a syntax
 * error. Ranked, then newest; keyset on (rank, id). Merged suggestions are left out.
 */
export async function search(
  db: Executor,
  options: {
    q: string;
    limit: number;
    after?: [number, string] | undefined;
    viewerId: string | null;
  },
): Promise<SuggestionListRow[]> {
  const query = sql`websearch_to_tsquery('english', ${options.q})`;
  const rank = sql<number>`ts_rank(d.document, ${query})::float8`;
  let select = selectSuggestions(db, options.viewerId)
    .innerJoin('suggestion_search as d', 'd.suggestion_id', 's.id')
    .select(rank.as('sort_key'))
    .where(sql<boolean>`d.document @@ ${query}`)
    .where('s.status', '!=', 'merged')
    .where(visibleToAll);
  if (options.after) {
    const [key, id] = options.after;
    select = select.where(sql<boolean>`(${rank}, s.id) < (${key}::float8, ${id}::bigint)`);
  }
  return select
    .orderBy(rank, 'desc')
    .orderBy('s.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** A title's stemmed words, stop words dropped: the same expression as the index. */
const words = (title: unknown) =>
  sql<string[]>`tsvector_to_array(to_tsvector('english'::regconfig, ${title}))`;

/**
 * Near-duplicates of a title being typed: trigram similarity of the titles, or
 * the share of stemmed words they have in common (Dice), whichever is higher.
 * Candidates come from the trigram index (%) and the words index (&&).
 */
export async function similar(
  db: Executor,
  options: { title: string; announcementId?: string | undefined; limit: number },
): Promise<(SuggestionListRow & { score: number })[]> {
  const typed = words(sql`${options.title}::text`);
  const own = words(sql.ref('s.title'));
  const trigram = sql<number>`similarity(lower(s.title), lower(${options.title}))`;
  const dice = sql<number>`(2.0 * (SELECT count(*) FROM unnest(${typed}) w WHERE w = ANY(${own})))
    / greatest(1, cardinality(${typed}) + cardinality(${own}))`;
  const score = sql<number>`greatest(${trigram}, ${dice})::float8`;
  const inner = selectSuggestions(db, null)
    .select(sql<number>`0`.as('sort_key'))
    .select(score.as('score'))
    .where('s.status', '!=', 'merged')
    .where(visibleToAll)
    .where(sql<boolean>`(lower(s.title) % lower(${options.title}) OR ${own} && ${typed})`);
  const aid = options.announcementId;
  return db
    .selectFrom(inner.as('t'))
    .selectAll('t')
    .where('t.score', '>=', MIN_SCORE)
    .$if(aid !== undefined, (q) => q.orderBy(sql`t.announcement_id = ${aid}`, 'desc'))
    .orderBy('t.score', 'desc')
    .orderBy('t.vote_count', 'desc')
    .limit(options.limit)
    .execute() as Promise<(SuggestionListRow & { score: number })[]>;
}

/** Below this, a title is too unlike to offer as a duplicate. */
const MIN_SCORE = 0.3;
