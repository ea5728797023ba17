import type { Executor } from '../db/schema.ts';

/** Every edit of a suggestion keeps the text it replaced. */
export async function insertRevision(
  db: Executor,
  values: { suggestionId: string; editorId: string; title: string; body: string },
) {
  await db
    .insertInto('suggestion_revisions')
    .values({
      suggestion_id: values.suggestionId,
      editor_id: values.editorId,
      title: values.title,
      body: values.body,
    })
    .execute();
}

export async function listRevisions(db: Executor, suggestionId: string) {
  return db
    .selectFrom('suggestion_revisions as r')
    .innerJoin('users as u', 'u.id', 'r.editor_id')
    .select([
      'r.id',
      'r.title',
      'r.body',
      'r.created_at',
      'r.editor_id as author_id',
      'u.handle as author_handle',
    ])
    .where('r.suggestion_id', '=', suggestionId)
    .orderBy('r.id', 'desc')
    .execute();
}
