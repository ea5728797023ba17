import { z } from 'zod';
import { TRIAGE_LIMITS } from '../contracts.ts';
import { id, limit } from '../http/schemas.ts';

/** GET /api/roadmap — `limit` is per column. */
export const roadmapQuery = z.object({ announcementId: id.optional(), limit });

/** POST /api/announcements/:id/shipped — the suggestions this update ships. */
export const shipBody = z.object({
  suggestionIds: z.array(id).min(1).max(TRIAGE_LIMITS.batchMax),
});
