import type { Executor } from '../db/schema.ts';

export async function listTags(db: Executor) {
  return db.selectFrom('tags').select(['id', 'name']).orderBy('name').execute();
}

export async function insertTag(db: Executor, name: string) {
  return db.insertInto('tags').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function deleteTag(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Which of these ids are tags. */
export async function existingIds(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tags').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => String(row.id));
}

/** Replaces the suggestion's tags with exactly these. */
export async function replaceSuggestionTags(db: Executor, suggestionId: string, tagIds: string[]) {
  await db.deleteFrom('suggestion_tags').where('suggestion_id', '=', suggestionId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('suggestion_tags')
    .values(tagIds.map((tagId) => ({ suggestion_id: suggestionId, tag_id: tagId })))
    .execute();
}
