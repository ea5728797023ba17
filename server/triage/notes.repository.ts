import type { Executor } from '../db/schema.ts';

/** Internal notes live in their own table, which no public query reads. */
export async function insertNote(
  db: Executor,
  values: { suggestionId: string; authorId: string; body: string; bodyHtml: string },
) {
  return db
    .insertInto('suggestion_notes')
    .values({
      suggestion_id: values.suggestionId,
      author_id: values.authorId,
      body: values.body,
      body_html: values.bodyHtml,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Oldest first. */
export async function listNotes(db: Executor, suggestionId: string) {
  return db
    .selectFrom('suggestion_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .selectAll('n')
    .select('u.handle as author_handle')
    .where('n.suggestion_id', '=', suggestionId)
    .orderBy('n.id')
    .execute();
}
