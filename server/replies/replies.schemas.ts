import { z } from 'zod';
import { id, markdown } from '../http/schemas.ts';

/** POST /api/suggestions/:id/replies — a top-level reply leaves parentId out or null. */
export const createBody = z.object({
  body: markdown(),
  parentId: id.nullable().optional(),
});

/** PATCH /api/replies/:id */
export const updateBody = z.object({ body: markdown() });
