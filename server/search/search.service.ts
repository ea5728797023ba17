import { z } from 'zod';
import type { Page, SimilarSuggestion, SuggestionView } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { toSuggestion, toSuggestionView } from '../suggestions/suggestions.service.ts';
import * as repo from './search.repository.ts';

const rankKey = z.number().nonnegative();

/** Full-text results, best first, in keyset pages. */
export async function search(
  db: Executor,
  viewerId: string | null,
  query: { q: string; cursor?: string | undefined; limit: number },
): Promise<Page<SuggestionView>> {
  const after = query.cursor ? decodeCursor(query.cursor, rankKey) : undefined;
  const rows = await repo.search(db, { q: query.q, limit: query.limit, after, viewerId });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(Number(last.sort_key), String(last.id)) : null;
  return { items: page.map(toSuggestionView), nextCursor };
}

/** Near-duplicates of a title; the same for every viewer. */
export async function similar(
  db: Executor,
  query: { title: string; announcementId?: string | undefined; limit: number },
): Promise<SimilarSuggestion[]> {
  const rows = await repo.similar(db, query);
  return rows.map((row) => ({
    ...toSuggestion(row),
    similarity: Math.round(Number(row.score) * 1000) / 1000,
  }));
}
