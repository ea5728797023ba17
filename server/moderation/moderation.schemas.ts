import { z } from 'zod';
import { cursor, id, limit, line } from '../http/schemas.ts';

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'duplicate', 'other'] as const;
export const FLAG_TARGETS = ['suggestion', 'reply', 'user'] as const;

/** POST /api/flags — one open flag per member per target. */
export const flagBody = z.object({
  targetType: z.enum(FLAG_TARGETS),
  targetId: id,
  reason: z.enum(FLAG_REASONS),
  /** What the moderator should know; optional. */
  note: line(500).optional(),
});

/** POST /api/moderation/queue/resolve — closes every open flag on one target. */
export const resolveBody = z.object({
  targetType: z.enum(FLAG_TARGETS),
  targetId: id,
  /** resolved: acted on; dismissed: nothing wrong. */
  outcome: z.enum(['resolved', 'dismissed']),
});

/** A moderator's reason, kept in the audit log. */
export const reasonBody = z.object({ reason: line(500) });
export const optionalReasonBody = z.object({ reason: line(500).optional() });

/** POST /api/users/:id/suspend */
export const suspendBody = z.object({
  /** ISO time in the future, at most a year ahead. */
  until: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), 'must be in the future')
    .refine((date) => date.getTime() < Date.now() + 366 * 86_400_000, 'must be within a year'),
  reason: line(500),
});

/** PATCH /api/announcements/:id/surge — launch-surge mode. */
export const surgeBody = z
  .object({
    /** Minimum seconds between one member's posts under this announcement; 0 turns it off. */
    slowModeSeconds: z.number().int().min(0).max(86_400).optional(),
    /** Posts from accounts younger than this many hours wait for approval; 0 turns it off. */
    minAccountAgeHours: z.number().int().min(0).max(8_760).optional(),
  })
  .refine(
    (value) => value.slowModeSeconds !== undefined || value.minAccountAgeHours !== undefined,
    {
      message: 'name slowModeSeconds or minAccountAgeHours',
    },
  );

export const pageQuery = z.object({ cursor: cursor.optional(), limit });
