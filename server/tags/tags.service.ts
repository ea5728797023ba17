import type { SuggestionView, Tag } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { notFound, validationFailed } from '../errors.ts';
import * as suggestions from '../suggestions/suggestions.repository.ts';
import { getSuggestion } from '../suggestions/suggestions.service.ts';
import * as repo from './tags.repository.ts';

const toTag = (row: { id: string; name: string }): Tag => ({ id: String(row.id), name: row.name });

export async function listTags(db: Executor): Promise<Tag[]> {
  return (await repo.listTags(db)).map(toTag);
}

/** A name taken in any case is a 409 (the unique index answers). */
export async function createTag(db: Executor, name: string): Promise<Tag> {
  return toTag(await repo.insertTag(db, name));
}

export async function deleteTag(db: Executor, id: string): Promise<void> {
  if (!(await repo.deleteTag(db, id))) throw notFound('Tag');
}

/** Sets the suggestion's tags (call inside a transaction); an unknown tag id is a 400. */
export async function setSuggestionTags(
  trx: Executor,
  viewerId: string,
  suggestionId: string,
  tagIds: string[],
): Promise<SuggestionView> {
  if (!(await suggestions.findForUpdate(trx, suggestionId))) throw notFound('Suggestion');
  const unique = [...new Set(tagIds)];
  const known = new Set(await repo.existingIds(trx, unique));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw validationFailed([
      { path: 'body.tagIds', message: `unknown tags: ${unknown.join(', ')}` },
    ]);
  }
  await repo.replaceSuggestionTags(trx, suggestionId, unique);
  return getSuggestion(trx, suggestionId, viewerId);
}
