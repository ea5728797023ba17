import type { Author } from '../contracts.ts';

/** Dates leave the API as ISO strings. */
export const iso = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/** The author fields every post row selects (joined from users). */
export const author = (row: { author_id: string; author_handle: string }): Author => ({
  id: String(row.author_id),
  handle: row.author_handle,
});
