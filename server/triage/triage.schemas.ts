import { z } from 'zod';
import { SUGGESTION_STATUSES, TRIAGE_LIMITS } from '../contracts.ts';
import { cursor, id, limit, markdown } from '../http/schemas.ts';

/** Statuses the team sets by hand; 'merged' comes only from merging. */
export const SETTABLE_STATUSES = SUGGESTION_STATUSES.filter(
  (status): status is Exclude<(typeof SUGGESTION_STATUSES)[number], 'merged'> =>
    status !== 'merged',
);

/** PATCH /api/suggestions/:id/status */
export const statusBody = z.object({
  status: z.enum(SETTABLE_STATUSES, {
    error: `must be one of ${SETTABLE_STATUSES.join(', ')} (merge to mark a duplicate)`,
  }),
  /** A public note shown with the change and in the notification. */
  note: markdown(TRIAGE_LIMITS.noteMax).optional(),
});
export type StatusBody = z.infer<typeof statusBody>;

/** POST /api/suggestions/:id/response — an official response, Markdown. */
export const responseBody = z.object({ body: markdown() });

/** POST /api/suggestions/:id/notes — an internal note, Markdown. */
export const noteBody = z.object({ body: markdown(TRIAGE_LIMITS.noteMax) });

/** POST /api/suggestions/:id/merge */
export const mergeBody = z.object({ intoId: id });

/** GET /api/triage/awaiting — open suggestions without a team response. */
export const awaitingQuery = z.object({
  announcementId: id.optional(),
  cursor: cursor.optional(),
  limit,
});
