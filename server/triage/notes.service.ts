import type { InternalNote } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { author, iso } from '../http/dto.ts';
import { renderMarkdown } from '../markdown/render.ts';
import * as repo from './notes.repository.ts';
import { suggestionExists } from './status.repository.ts';

type NoteRow = Awaited<ReturnType<typeof repo.listNotes>>[number];

function toNote(row: NoteRow): InternalNote {
  return {
    id: String(row.id),
    suggestionId: String(row.suggestion_id),
    body: row.body,
    bodyHtml: row.body_html,
    author: author(row),
    createdAt: iso(row.created_at),
  };
}

/** Team and moderators only (the route checks); never broadcast. */
export async function listNotes(db: Executor, suggestionId: string): Promise<InternalNote[]> {
  if (!(await suggestionExists(db, suggestionId))) throw notFound('Suggestion');
  return (await repo.listNotes(db, suggestionId)).map(toNote);
}

export async function addNote(
  db: Executor,
  actor: { id: string; handle: string },
  suggestionId: string,
  body: string,
): Promise<InternalNote> {
  if (!(await suggestionExists(db, suggestionId))) throw notFound('Suggestion');
  const bodyHtml = renderMarkdown(body);
  const row = await repo.insertNote(db, { suggestionId, authorId: actor.id, body, bodyHtml });
  return toNote({
    ...row,
    suggestion_id: suggestionId,
    author_id: actor.id,
    author_handle: actor.handle,
    body,
    body_html: bodyHtml,
  });
}
