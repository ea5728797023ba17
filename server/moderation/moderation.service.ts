import type { Kysely } from 'kysely';
import type { AuditEntry, Page } from '../contracts.ts';
import type { DB, Executor, FlagReason, FlagTargetType } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { decodeIdCursor, encodeIdCursor } from '../http/cursor.ts';
import { author, iso } from '../http/dto.ts';
import { appendAudit, listAudit } from './audit.repository.ts';
import { closeFlags, insertFlag, openQueue, targetExists } from './flags.repository.ts';
import { type QueueItem, withPreviews } from './queue.service.ts';

export interface Flag {
  id: string;
  targetType: FlagTargetType;
  targetId: string;
  reason: FlagReason;
  createdAt: string;
}

export async function flag(
  db: Executor,
  reporterId: string,
  input: {
    targetType: FlagTargetType;
    targetId: string;
    reason: FlagReason;
    note?: string | undefined;
  },
): Promise<Flag> {
  if (!(await targetExists(db, input.targetType, input.targetId))) notFoundFor(input.targetType);
  const row = await insertFlag(db, { ...input, reporterId });
  if (!row)
    throw new AppError(
      409,
      'already_flagged',
      'You have already flagged this; a moderator will look at it',
    );
  return {
    id: String(row.id),
    targetType: input.targetType,
    targetId: input.targetId,
    reason: input.reason,
    createdAt: iso(row.created_at),
  };
}

function notFoundFor(type: FlagTargetType): never {
  throw notFound(type === 'suggestion' ? 'Suggestion' : type === 'reply' ? 'Reply' : 'User');
}

export async function queue(
  db: Executor,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const beforeFlagId = page.cursor ? decodeIdCursor(page.cursor) : undefined;
  const rows = await openQueue(db, { limit: page.limit, beforeFlagId });
  const items = await withPreviews(db, rows.slice(0, page.limit));
  const last = rows[page.limit - 1];
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeIdCursor(String(last.last_flag_id)) : null,
  };
}

/** Closes the open flags on a target, noting who did it in the audit log. */
export async function resolve(
  db: Kysely<DB>,
  moderatorId: string,
  input: { targetType: FlagTargetType; targetId: string; outcome: 'resolved' | 'dismissed' },
): Promise<{ closed: number }> {
  return db.transaction().execute(async (trx) => {
    const closed = await closeFlags(
      trx,
      { type: input.targetType, id: input.targetId },
      input.outcome,
      moderatorId,
    );
    if (closed === 0) throw new AppError(404, 'not_found', 'No open flags on that target');
    await appendAudit(trx, {
      actorId: moderatorId,
      action: `flags.${input.outcome === 'resolved' ? 'resolve' : 'dismiss'}`,
      targetType: input.targetType,
      targetId: input.targetId,
      details: { closed },
    });
    return { closed };
  });
}

export async function audit(
  db: Executor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<AuditEntry>> {
  const rows = await listAudit(db, {
    limit: page.limit,
    beforeId: page.cursor ? decodeIdCursor(page.cursor) : undefined,
  });
  const items = rows.slice(0, page.limit).map((row) => ({
    id: String(row.id),
    action: row.action,
    actor: author(row),
    targetType: row.target_type,
    targetId: String(row.target_id),
    targetLabel: row.target_label,
    suggestionId: row.suggestion_id,
    reason: row.reason,
    details: row.details,
    createdAt: iso(row.created_at),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeIdCursor(last.id) : null };
}

/** Launch-surge settings of an announcement; audited. */
export async function setSurge(
  db: Kysely<DB>,
  actorId: string,
  announcementId: string,
  input: { slowModeSeconds?: number | undefined; minAccountAgeHours?: number | undefined },
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('announcements')
      .set({
        ...(input.slowModeSeconds === undefined
          ? {}
          : { slow_mode_seconds: input.slowModeSeconds }),
        ...(input.minAccountAgeHours === undefined
          ? {}
          : { min_account_age_hours: input.minAccountAgeHours }),
      })
      .where('id', '=', announcementId)
      .returning(['slow_mode_seconds', 'min_account_age_hours'])
      .executeTakeFirst();
    if (!row) throw notFound('Announcement');
    const surge = {
      slowModeSeconds: row.slow_mode_seconds,
      minAccountAgeHours: row.min_account_age_hours,
    };
    await appendAudit(trx, {
      actorId,
      action: 'announcement.surge',
      targetType: 'announcement',
      targetId: announcementId,
      details: surge,
    });
    return surge;
  });
}
