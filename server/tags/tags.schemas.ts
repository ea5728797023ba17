import { z } from 'zod';
import { TRIAGE_LIMITS } from '../contracts.ts';
import { id, line } from '../http/schemas.ts';

/** POST /api/tags — names are unique regardless of case. */
export const createBody = z.object({ name: line(TRIAGE_LIMITS.tagNameMax) });

/** PUT /api/suggestions/:id/tags — the suggestion's whole set of tags. */
export const setBody = z.object({
  tagIds: z.array(id).max(TRIAGE_LIMITS.batchMax),
});
