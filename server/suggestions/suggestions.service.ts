import { z } from 'zod';
import * as announcements from '../announcements/announcements.repository.ts';
import { isStaff } from '../auth/guards.ts';
import type { Page, Revision, Suggestion, SuggestionView } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { author, iso } from '../http/dto.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { surgeCheck } from '../moderation/surge.ts';
import { reveals, type Viewer } from '../moderation/visibility.ts';
import * as revisions from './revisions.repository.ts';
import * as repo from './suggestions.repository.ts';
import type { ListQuery } from './suggestions.schemas.ts';

type Row = repo.SuggestionListRow;

/**
 * The API shape. Without `reveal`, the public one (the same for every viewer,
 * safe to broadcast): a hidden or deleted suggestion keeps its place and
 * numbers but not its text. Moderators and the author get it revealed, marked.
 */
export function toSuggestion(
  row: Omit<Row, 'viewer_has_voted' | 'sort_key'>,
  reveal = false,
): Suggestion {
  const hidden = row.hidden_at !== null;
  const deleted = row.deleted_at !== null;
  const blank = deleted || (hidden && !reveal);
  return {
    id: String(row.id),
    announcementId: String(row.announcement_id),
    title: blank ? '' : row.title,
    body: blank ? '' : row.body,
    bodyHtml: blank ? '' : row.body_html,
    author: author(row),
    status: row.status,
    voteCount: row.vote_count,
    replyCount: row.reply_count,
    locked: row.locked,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    mergedIntoId: row.merged_into_id === null ? null : String(row.merged_into_id),
    shippedInId: row.shipped_in_id === null ? null : String(row.shipped_in_id),
    tags: row.tags.map((tag) => ({ id: String(tag.id), name: tag.name })),
    hidden,
    hiddenReason: hidden && reveal ? row.hidden_reason : null,
    pending: row.pending,
    deleted,
  };
}

/** The public view of a row (with the viewer's vote). */
export function toSuggestionView(row: Row): SuggestionView {
  return { ...toSuggestion(row), viewerHasVoted: Boolean(row.viewer_has_voted) };
}

/** The view of a row for this viewer: revealed to moderators and the author. */
export const viewFor =
  (viewer: Viewer) =>
  (row: Row): SuggestionView => ({
    ...toSuggestion(row, reveals(viewer, row.author_id)),
    viewerHasVoted: Boolean(row.viewer_has_voted),
  });

const cursorKey = z.union([z.number(), z.string().regex(/^[0-9.e+-]+$/)]);

export async function listSuggestions(
  db: Executor,
  announcementId: string,
  query: ListQuery,
  viewerId: string | null,
  moderator = false,
): Promise<Page<SuggestionView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await repo.listSuggestions(db, {
    announcementId,
    sort: query.sort,
    status: query.status,
    tag: query.tag,
    limit: query.limit,
    after: after ? [Number(after[0]), after[1]] : undefined,
    viewerId,
    moderator,
  });
  // Only an empty page pays for telling "no suggestions" from "no announcement".
  if (rows.length === 0 && !(await announcements.findAnnouncement(db, announcementId))) {
    throw notFound('Announcement');
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(Number(last.sort_key), String(last.id)) : null;
  return { items: page.map(viewFor({ id: viewerId, moderator })), nextCursor };
}

/** One suggestion; a hidden or held one is a 404 except to moderators and its author. */
export async function getSuggestion(
  db: Executor,
  id: string,
  viewerId: string | null,
  moderator = false,
): Promise<SuggestionView> {
  const row = await repo.findSuggestion(db, id, viewerId, moderator);
  if (!row) throw notFound('Suggestion');
  return viewFor({ id: viewerId, moderator })(row);
}

export async function createSuggestion(
  db: Executor,
  announcementId: string,
  authorId: string,
  input: { title: string; body: string },
): Promise<SuggestionView> {
  const { pending } = await surgeCheck(db, announcementId, authorId);
  const id = await repo.insertSuggestion(db, {
    announcementId,
    authorId,
    ...input,
    bodyHtml: renderMarkdown(input.body),
    pending,
  });
  if (!id) {
    const announcement = await announcements.findAnnouncement(db, announcementId);
    if (!announcement) throw notFound('Announcement');
    throw new AppError(409, 'locked', 'This announcement is locked: no new suggestions');
  }
  return getSuggestion(db, id, authorId);
}

/** Edits title and/or body, keeping the previous text as a revision. Call inside a transaction. */
export async function editSuggestion(
  trx: Executor,
  actor: Express.User,
  id: string,
  input: { title?: string | undefined; body?: string | undefined },
): Promise<SuggestionView> {
  const current = await repo.findForUpdate(trx, id);
  if (!current) throw notFound('Suggestion');
  if (String(current.author_id) !== actor.id && !isStaff(actor)) {
    throw forbidden('Only the author, the team or a moderator may edit this suggestion');
  }
  const title = input.title ?? current.title;
  const body = input.body ?? current.body;
  if (title === current.title && body === current.body) return getSuggestion(trx, id, actor.id);
  await revisions.insertRevision(trx, {
    suggestionId: id,
    editorId: actor.id,
    title: current.title,
    body: current.body,
  });
  await repo.updateText(trx, id, { title, body, body_html: renderMarkdown(body) });
  return getSuggestion(trx, id, actor.id);
}

export async function listRevisions(db: Executor, suggestionId: string): Promise<Revision[]> {
  const rows = await revisions.listRevisions(db, suggestionId);
  return rows.map((row) => ({
    id: String(row.id),
    title: row.title,
    body: row.body,
    editor: author(row),
    createdAt: iso(row.created_at),
  }));
}

/** Drops the per-viewer field and anything only moderators or the author may see, for broadcasting. */
export function publicSuggestion({
  viewerHasVoted: _viewer,
  ...suggestion
}: SuggestionView): Suggestion {
  if (!suggestion.hidden && !suggestion.deleted) return { ...suggestion, hiddenReason: null };
  return { ...suggestion, title: '', body: '', bodyHtml: '', hiddenReason: null };
}
