import type { Reply, ReplyView } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { AppError, forbidden, notFound, validationFailed } from '../errors.ts';
import { author, iso } from '../http/dto.ts';
import { renderMarkdown } from '../markdown/render.ts';
import * as suggestions from '../suggestions/suggestions.repository.ts';
import * as repo from './replies.repository.ts';

/** The public shape; a deleted reply keeps its place but loses its text and author. */
export function toReply(row: Omit<repo.ReplyListRow, 'viewer_vote'>): Reply {
  const deleted = row.deleted_at !== null;
  return {
    id: String(row.id),
    suggestionId: String(row.suggestion_id),
    parentId: row.parent_id === null ? null : String(row.parent_id),
    depth: row.depth,
    body: deleted ? '' : row.body,
    bodyHtml: deleted ? '' : row.body_html,
    author: deleted ? null : author(row),
    deleted,
    score: row.score,
    official: row.official,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toReplyView(row: repo.ReplyListRow): ReplyView {
  const vote = Number(row.viewer_vote);
  return { ...toReply(row), viewerVote: vote === 1 ? 1 : vote === -1 ? -1 : 0 };
}

export async function listThread(db: Executor, suggestionId: string, viewerId: string | null) {
  const rows = await repo.listThread(db, suggestionId, viewerId);
  return rows.map(toReplyView);
}

async function getReply(db: Executor, id: string, viewerId: string | null): Promise<ReplyView> {
  const row = await repo.findReply(db, id, viewerId);
  if (!row) throw notFound('Reply');
  return toReplyView(row);
}

/** Call inside a transaction: the suggestion row is locked while the reply is counted on it. */
export async function createReply(
  trx: Executor,
  suggestionId: string,
  authorId: string,
  input: { body: string; parentId?: string | null | undefined },
): Promise<ReplyView> {
  const suggestion = await suggestions.findForUpdate(trx, suggestionId);
  if (!suggestion) throw notFound('Suggestion');
  if (suggestion.locked || suggestion.announcement_locked)
    throw new AppError(409, 'locked', 'This suggestion is locked: no new replies');
  if (suggestion.status === 'merged') {
    throw new AppError(
      409,
      'merged',
      'This suggestion was merged; reply on the one it was merged into',
    );
  }
  let parent: { id: string; depth: number; path: string } | null = null;
  if (input.parentId) {
    const row = await repo.findForUpdate(trx, input.parentId);
    if (!row || String(row.suggestion_id) !== suggestionId) {
      throw validationFailed([
        { path: 'body.parentId', message: 'is not a reply in this suggestion' },
      ]);
    }
    parent = { id: String(row.id), depth: row.depth, path: row.path };
  }
  const id = await repo.insertReply(trx, {
    suggestionId,
    authorId,
    parent,
    body: input.body,
    bodyHtml: renderMarkdown(input.body),
  });
  return getReply(trx, id, authorId);
}

async function lockOwnReply(trx: Executor, actor: Express.User, id: string) {
  const row = await repo.findForUpdate(trx, id);
  if (!row) throw notFound('Reply');
  const moderator = actor.role === 'moderator' || actor.role === 'admin';
  if (String(row.author_id) !== actor.id && !moderator) {
    throw forbidden('Only the author or a moderator may change this reply');
  }
  if (row.deleted_at) throw new AppError(409, 'deleted', 'This reply was deleted');
  return row;
}

export async function editReply(trx: Executor, actor: Express.User, id: string, body: string) {
  await lockOwnReply(trx, actor, id);
  await repo.updateReply(trx, id, { body, body_html: renderMarkdown(body) });
  return getReply(trx, id, actor.id);
}

/** Deletes the text but keeps a placeholder, so the replies under it keep their thread. */
export async function deleteReply(trx: Executor, actor: Express.User, id: string) {
  await lockOwnReply(trx, actor, id);
  await repo.updateReply(trx, id, { body: '', body_html: '', deleted_at: new Date() });
  return getReply(trx, id, actor.id);
}

/** Drops the per-viewer field, for broadcasting. */
export function publicReply({ viewerVote: _viewer, ...reply }: ReplyView): Reply {
  return reply;
}
