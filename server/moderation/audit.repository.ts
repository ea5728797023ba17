import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null | undefined;
  details?: Record<string, unknown>;
}

/** Appends one entry; the table refuses updates and deletes. */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Newest first, keyset on id. */
export async function listAudit(
  db: Executor,
  page: { limit: number; beforeId?: string | undefined },
) {
  let query = db
    .selectFrom('audit_log as l')
    .innerJoin('users as u', 'u.id', 'l.actor_id')
    .select([
      'l.id',
      'l.action',
      'l.target_type',
      'l.target_id',
      'l.reason',
      'l.details',
      'l.created_at',
    ])
    .select(['l.actor_id as author_id', 'u.handle as author_handle'])
    // What the target is called now, and (for a reply) where it lives: moderators read names, not ids.
    .select(
      sql<string | null>`CASE l.target_type
        WHEN 'user' THEN (SELECT handle FROM users WHERE id = l.target_id)
        WHEN 'suggestion' THEN (SELECT nullif(title, '') FROM suggestions WHERE id = l.target_id)
        WHEN 'announcement' THEN (SELECT title FROM announcements WHERE id = l.target_id)
        WHEN 'reply' THEN (SELECT nullif(left(body, 80), '') FROM replies WHERE id = l.target_id)
      END`.as('target_label'),
    )
    .select(
      sql<string | null>`CASE l.target_type
        WHEN 'reply' THEN (SELECT suggestion_id::text FROM replies WHERE id = l.target_id)
        WHEN 'suggestion' THEN l.target_id::text
      END`.as('suggestion_id'),
    )
    .orderBy('l.id', 'desc')
    .limit(page.limit + 1);
  if (page.beforeId) query = query.where('l.id', '<', page.beforeId);
  return query.execute();
}
