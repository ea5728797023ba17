import { sql } from 'kysely';
import type { Executor, FlagReason, FlagTargetType } from '../db/schema.ts';

/** Inserts an open flag; undefined when this member already has one open on the target. */
export async function insertFlag(
  db: Executor,
  flag: {
    targetType: FlagTargetType;
    targetId: string;
    reporterId: string;
    reason: FlagReason;
    note?: string | undefined;
  },
) {
  const { rows } = await sql<{ id: string; created_at: Date }>`
    INSERT INTO flags (target_type, target_id, reporter_id, reason, note)
    VALUES (${flag.targetType}, ${flag.targetId}, ${flag.reporterId}, ${flag.reason}, ${flag.note ?? null})
    ON CONFLICT (reporter_id, target_type, target_id) WHERE status = 'open' DO NOTHING
    RETURNING id, created_at`.execute(db);
  return rows[0];
}

/** Whether the flagged thing exists (a suggestion, a reply, or a user). */
export async function targetExists(
  db: Executor,
  type: FlagTargetType,
  id: string,
): Promise<boolean> {
  const table = type === 'suggestion' ? 'suggestions' : type === 'reply' ? 'replies' : 'users';
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export interface QueueRow {
  target_type: FlagTargetType;
  target_id: string;
  flag_count: number;
  last_flag_id: string;
  last_flagged_at: Date;
  reasons: Record<string, number>;
  notes: string[];
}

/**
 * Open flags grouped by target, most recently flagged first (keyset on the
 * newest flag's id), with counts by reason and the latest notes.
 */
export async function openQueue(
  db: Executor,
  page: { limit: number; beforeFlagId?: string | undefined },
) {
  const before = page.beforeFlagId ?? null;
  const { rows } = await sql<QueueRow>`
    SELECT target_type, target_id, count(*)::int AS flag_count, max(id) AS last_flag_id,
           max(created_at) AS last_flagged_at,
           jsonb_object_agg(reason, n) AS reasons,
           (array_agg(note ORDER BY id DESC) FILTER (WHERE note IS NOT NULL))[1:3] AS notes
    FROM (
      SELECT f.*, count(*) OVER (PARTITION BY target_type, target_id, reason) AS n
      FROM flags f WHERE status = 'open'
    ) f
    GROUP BY target_type, target_id
    HAVING ${before}::bigint IS NULL OR max(id) < ${before}::bigint
    ORDER BY max(id) DESC
    LIMIT ${page.limit + 1}`.execute(db);
  return rows.map((row) => ({ ...row, notes: row.notes ?? [] }));
}

/** Closes every open flag on a target; answers how many were closed. */
export async function closeFlags(
  db: Executor,
  target: { type: FlagTargetType; id: string },
  outcome: 'resolved' | 'dismissed',
  moderatorId: string,
): Promise<number> {
  const result = await db
    .updateTable('flags')
    .set({ status: outcome, resolved_by: moderatorId, resolved_at: new Date() })
    .where('target_type', '=', target.type)
    .where('target_id', '=', target.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
