import type { SuggestionStatus } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';

/** Sets the status; leaving 'shipped' also drops the link to the update it shipped in. */
export async function setStatus(db: Executor, id: string, status: SuggestionStatus) {
  await db
    .updateTable('suggestions')
    .set(
      status === 'shipped'
        ? { status, updated_at: new Date() }
        : { status, shipped_in_id: null, updated_at: new Date() },
    )
    .where('id', '=', id)
    .execute();
}

export async function insertStatusChange(
  db: Executor,
  values: {
    suggestionId: string;
    actorId: string;
    from: SuggestionStatus;
    to: SuggestionStatus;
    note: string | null;
  },
) {
  return db
    .insertInto('suggestion_status_changes')
    .values({
      suggestion_id: values.suggestionId,
      actor_id: values.actorId,
      from_status: values.from,
      to_status: values.to,
      note: values.note,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Several changes in one statement (shipping many suggestions at once). */
export async function insertStatusChanges(
  db: Executor,
  rows: {
    suggestionId: string;
    actorId: string;
    from: SuggestionStatus;
    to: SuggestionStatus;
    note: string | null;
  }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('suggestion_status_changes')
    .values(
      rows.map((row) => ({
        suggestion_id: row.suggestionId,
        actor_id: row.actorId,
        from_status: row.from,
        to_status: row.to,
        note: row.note,
      })),
    )
    .execute();
}

/** Oldest first, with who made each change. */
export async function listStatusChanges(db: Executor, suggestionId: string) {
  return db
    .selectFrom('suggestion_status_changes as c')
    .innerJoin('users as u', 'u.id', 'c.actor_id')
    .select([
      'c.id',
      'c.suggestion_id',
      'c.from_status',
      'c.to_status',
      'c.note',
      'c.created_at',
      'c.actor_id as author_id',
      'u.handle as author_handle',
    ])
    .where('c.suggestion_id', '=', suggestionId)
    .orderBy('c.id')
    .execute();
}

/** Marks a freshly created reply as the team's official response. */
export async function markOfficial(db: Executor, replyId: string) {
  await db.updateTable('replies').set({ official: true }).where('id', '=', replyId).execute();
}

export async function suggestionExists(db: Executor, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('suggestions')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
