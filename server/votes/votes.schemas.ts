import { z } from 'zod';

/** PUT /api/replies/:id/vote */
export const replyVoteBody = z.object({
  value: z.union([z.literal(1), z.literal(-1)], { error: 'must be 1 or -1' }),
});
