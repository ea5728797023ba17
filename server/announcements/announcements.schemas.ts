import { z } from 'zod';
import { LIMITS } from '../contracts.ts';
import { cursor, limit, line, markdown } from '../http/schemas.ts';

/** GET /api/announcements */
export const listQuery = z.object({ cursor: cursor.optional(), limit });

/** POST /api/announcements */
export const createBody = z.object({
  title: line(LIMITS.titleMax),
  /** Markdown. */
  body: markdown(),
  pinned: z.boolean().default(false),
});

/** PATCH /api/announcements/:id — team edits anything; moderators pin and lock. */
export const updateBody = z
  .object({
    title: line(LIMITS.titleMax).optional(),
    body: markdown().optional(),
    pinned: z.boolean().optional(),
    locked: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: 'name at least one field to change',
  });
