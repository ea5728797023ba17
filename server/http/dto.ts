import type { Author } from '../contracts.ts';

/** Dates leave the API as ISO strings. */
export const iso = (value: Date | string): string => {
  if (value instanceof Date) return value.toISOString();
  // Already ISO in UTC (formatted by PostgreSQL, see replies.repository.ts): as it is.
  if (value.length === 24 && value.endsWith('Z')) return value;
  return new Date(value).toISOString();
};

/** The author fields every post row selects (joined from users). */
export const author = (row: { author_id: string; author_handle: string }): Author => ({
  id: String(row.author_id),
  handle: row.author_handle,
});
