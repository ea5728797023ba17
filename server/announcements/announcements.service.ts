import { z } from 'zod';
import type { Announcement, Page } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { author, iso } from '../http/dto.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { appendAudit } from '../moderation/audit.repository.ts';
import * as repo from './announcements.repository.ts';

export function toAnnouncement(row: repo.AnnouncementListRow): Announcement {
  return {
    id: String(row.id),
    title: row.title,
    body: row.body,
    bodyHtml: row.body_html,
    author: author(row),
    pinned: row.pinned,
    locked: row.locked,
    suggestionCount: row.suggestion_count,
    surge: {
      slowModeSeconds: row.slow_mode_seconds,
      minAccountAgeHours: row.min_account_age_hours,
    },
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listAnnouncements(
  db: Executor,
  query: { cursor?: string | undefined; limit: number },
): Promise<Page<Announcement>> {
  const after = query.cursor ? decodeCursor(query.cursor, z.boolean()) : undefined;
  const rows = await repo.listAnnouncements(db, { limit: query.limit, after });
  const items = rows.slice(0, query.limit).map(toAnnouncement);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.pinned, last.id) : null;
  return { items, nextCursor };
}

export async function getAnnouncement(db: Executor, id: string): Promise<Announcement> {
  const row = await repo.findAnnouncement(db, id);
  if (!row) throw notFound('Announcement');
  return toAnnouncement(row);
}

export async function createAnnouncement(
  db: Executor,
  authorId: string,
  input: { title: string; body: string; pinned: boolean },
): Promise<Announcement> {
  const id = await repo.insertAnnouncement(db, {
    authorId,
    ...input,
    bodyHtml: renderMarkdown(input.body),
  });
  return getAnnouncement(db, id);
}

/** Edits an announcement; pinning and locking are moderation and go to the audit log. Call inside a transaction. */
export async function updateAnnouncement(
  trx: Executor,
  actor: Express.User,
  id: string,
  input: { title?: string; body?: string; pinned?: boolean; locked?: boolean },
): Promise<Announcement> {
  const editsText = input.title !== undefined || input.body !== undefined;
  if (editsText && actor.role === 'moderator') {
    throw forbidden('Moderators may pin and lock announcements, not edit them');
  }
  const { body, ...rest } = input;
  const changes = body === undefined ? rest : { ...rest, body, body_html: renderMarkdown(body) };
  if (!(await repo.updateAnnouncement(trx, id, changes))) throw notFound('Announcement');
  const actions = [
    input.pinned === undefined ? null : input.pinned ? 'announcement.pin' : 'announcement.unpin',
    input.locked === undefined ? null : input.locked ? 'announcement.lock' : 'announcement.unlock',
  ];
  for (const action of actions) {
    if (action)
      await appendAudit(trx, {
        actorId: actor.id,
        action,
        targetType: 'announcement',
        targetId: id,
      });
  }
  return getAnnouncement(trx, id);
}
