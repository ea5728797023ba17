import { z } from 'zod';
import { LIMITS, TRIAGE_LIMITS } from '../contracts.ts';
import { cursor, id, limit, line } from '../http/schemas.ts';

/** GET /api/search — websearch syntax ("quoted phrase", or, -not); any text up to the cap is safe. */
export const searchQuery = z.object({
  q: line(TRIAGE_LIMITS.searchMax),
  cursor: cursor.optional(),
  limit,
});

/** GET /api/suggestions/similar — the title being typed; the announcement's own come first. */
export const similarQuery = z.object({
  title: line(LIMITS.titleMax),
  announcementId: id.optional(),
  limit: z
    .string()
    .regex(/^[1-9][0-9]?$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().max(20, 'must be at most 20'))
    .default(5),
});
