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
    .orderBy('l.id', 'desc')
    .limit(page.limit + 1);
  if (page.beforeId) query = query.where('l.id', '<', page.beforeId);
  return query.execute();
}
