import { z } from 'zod';
import { LIMITS, SUGGESTION_SORTS, SUGGESTION_STATUSES, TRIAGE_LIMITS } from '../contracts.ts';
import { cursor, limit, line, markdown } from '../http/schemas.ts';

/** GET /api/announcements/:id/suggestions — an unknown sort or status is a 400. */
export const listQuery = z.object({
  sort: z.enum(SUGGESTION_SORTS).default('hot'),
  status: z.enum(SUGGESTION_STATUSES).optional(),
  /** A tag name, case-insensitive. */
  tag: line(TRIAGE_LIMITS.tagNameMax).optional(),
  cursor: cursor.optional(),
  limit,
});
export type ListQuery = z.infer<typeof listQuery>;

/** POST /api/announcements/:id/suggestions */
export const createBody = z.object({
  title: line(LIMITS.titleMax),
  /** Markdown. */
  body: markdown(),
});

/** PATCH /api/suggestions/:id — the previous text is kept as a revision. */
export const updateBody = z
  .object({ title: line(LIMITS.titleMax).optional(), body: markdown().optional() })
  .refine((value) => value.title !== undefined || value.body !== undefined, {
    message: 'name a title or a body to change',
  });
