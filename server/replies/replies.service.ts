import { isModerator } from '../auth/guards.ts';
import type { Reply, ReplyView } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { AppError, forbidden, notFound, validationFailed } from '../errors.ts';
import { author, iso } from '../http/dto.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { appendAudit } from '../moderation/audit.repository.ts';
import { surgeCheck } from '../moderation/surge.ts';
import { reveals, type Viewer } from '../moderation/visibility.ts';
import * as suggestions from '../suggestions/suggestions.repository.ts';
import * as repo from './replies.repository.ts';

/**
 * The API shape. A deleted reply keeps its place but loses its text and
 * author; so does a hidden one, except when revealed (to moderators and the
 * author, marked hidden).
 */
export function toReply(row: Omit<repo.ReplyListRow, 'viewer_vote'>, reveal = false): Reply {
  const deleted = row.deleted_at !== null;
  const hidden = row.hidden_at !== null;
  const blank = deleted || (hidden && !reveal);
  return {
    id: String(row.id),
    suggestionId: String(row.suggestion_id),
    parentId: row.parent_id === null ? null : String(row.parent_id),
    depth: row.depth,
    body: blank ? '' : row.body,
    bodyHtml: blank ? '' : row.body_html,
    author: blank ? null : author(row),
    deleted,
    score: row.score,
    official: row.official,
    hidden,
    hiddenReason: hidden && reveal ? row.hidden_reason : null,
    pending: row.pending,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The view of a reply row for this viewer (revealed to moderators and the author). */
export const replyViewFor =
  (viewer: Viewer) =>
  (row: repo.ReplyListRow): ReplyView => {
    const vote = Number(row.viewer_vote);
    return {
      ...toReply(row, reveals(viewer, row.author_id)),
      viewerVote: vote === 1 ? 1 : vote === -1 ? -1 : 0,
    };
  };

export async function listThread(
  db: Executor,
  suggestionId: string,
  viewerId: string | null,
  moderator = false,
) {
  const rows = await repo.listThread(db, suggestionId, viewerId, moderator);
  return rows.map(replyViewFor({ id: viewerId, moderator }));
}

export async function getReply(
  db: Executor,
  id: string,
  viewerId: string | null,
  moderator = false,
): Promise<ReplyView> {
  const row = await repo.findReply(db, id, viewerId);
  if (!row) throw notFound('Reply');
  return replyViewFor({ id: viewerId, moderator })(row);
}

/** Call inside a transaction: the suggestion row is locked while the reply is counted on it. */
export async function createReply(
  trx: Executor,
  suggestionId: string,
  authorId: string,
  input: { body: string; parentId?: string | null | undefined },
): Promise<ReplyView> {
  const suggestion = await suggestions.findForUpdate(trx, suggestionId);
  const ownSuggestion = String(suggestion?.author_id) === authorId;
  if (!suggestion || ((suggestion.hidden_at || suggestion.pending) && !ownSuggestion)) {
    throw notFound('Suggestion');
  }
  if (suggestion.deleted_at) throw new AppError(409, 'deleted', 'This suggestion was deleted');
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
  const { pending } = await surgeCheck(trx, String(suggestion.announcement_id), authorId);
  const id = await repo.insertReply(trx, {
    suggestionId,
    authorId,
    parent,
    body: input.body,
    bodyHtml: renderMarkdown(input.body),
    pending,
  });
  return getReply(trx, id, authorId);
}

async function lockOwnReply(trx: Executor, actor: Express.User, id: string) {
  const row = await repo.findForUpdate(trx, id);
  if (!row) throw notFound('Reply');
  if (String(row.author_id) !== actor.id && !isModerator(actor)) {
    throw forbidden('Only the author or a moderator may change this reply');
  }
  if (row.deleted_at) throw new AppError(409, 'deleted', 'This reply was deleted');
  return row;
}

/** A moderator changing someone else's reply leaves a line in the audit log. */
async function auditIfModerated(
  trx: Executor,
  actor: Express.User,
  row: { author_id: string },
  id: string,
  action: string,
) {
  if (String(row.author_id) === actor.id) return;
  await appendAudit(trx, { actorId: actor.id, action, targetType: 'reply', targetId: id });
}

export async function editReply(trx: Executor, actor: Express.User, id: string, body: string) {
  const row = await lockOwnReply(trx, actor, id);
  await repo.updateReply(trx, id, { body, body_html: renderMarkdown(body) });
  await auditIfModerated(trx, actor, row, id, 'reply.edit');
  return getReply(trx, id, actor.id, isModerator(actor));
}

/** Deletes the text but keeps a placeholder, so the replies under it keep their thread. */
export async function deleteReply(trx: Executor, actor: Express.User, id: string) {
  const row = await lockOwnReply(trx, actor, id);
  await repo.updateReply(trx, id, { body: '', body_html: '', deleted_at: new Date() });
  await auditIfModerated(trx, actor, row, id, 'reply.delete');
  return getReply(trx, id, actor.id, isModerator(actor));
}

/** Drops the per-viewer field, for broadcasting. */
export function publicReply({ viewerVote: _viewer, ...reply }: ReplyView): Reply {
  if (!reply.hidden) return { ...reply, hiddenReason: null };
  return { ...reply, body: '', bodyHtml: '', author: null, hiddenReason: null };
}
