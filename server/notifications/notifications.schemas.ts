import { z } from 'zod';
import { TRIAGE_LIMITS } from '../contracts.ts';
import { cursor, id, limit } from '../http/schemas.ts';

/** GET /api/notifications — `unread=true` lists only the unread ones. */
export const listQuery = z.object({
  cursor: cursor.optional(),
  limit,
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

/** POST /api/notifications/read — the ids to mark read; without ids, all of them. */
export const readBody = z.object({
  ids: z.array(id).min(1).max(TRIAGE_LIMITS.batchMax).optional(),
});
