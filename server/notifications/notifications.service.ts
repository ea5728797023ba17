import { z } from 'zod';
import type { Notification, NotificationDetail, Page, SuggestionStatus } from '../contracts.ts';
import type { Executor, NotificationKind } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { iso } from '../http/dto.ts';
import type { Broadcast } from '../realtime/broadcast.ts';
import * as repo from './notifications.repository.ts';

/** A notification made in a transaction, to push to its recipient once that commits. */
export interface Delivery {
  userId: string;
  notification: Notification;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const ref = (value: unknown): { id: string; title: string } => {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { id: text(v.id), title: text(v.title) };
};

/** The kind-specific part, read from the row's snapshot. */
function detail(kind: NotificationKind, data: Record<string, unknown>): NotificationDetail {
  switch (kind) {
    case 'status':
      return {
        kind,
        from: data.from as SuggestionStatus,
        to: data.to as SuggestionStatus,
        note: typeof data.note === 'string' ? data.note : null,
      };
    case 'response':
    case 'reply':
      return { kind, replyId: text(data.replyId), excerpt: text(data.excerpt) };
    case 'merged':
      return { kind, into: ref(data.into) };
    case 'shipped':
      return {
        kind,
        announcement: ref(data.announcement),
        suggestions: Array.isArray(data.suggestions) ? data.suggestions.map(ref) : [],
      };
  }
}

/** Row → API object; the same mapping serves lists and live pushes. */
export function toNotification(row: repo.NotificationRow): Notification {
  return {
    ...detail(row.kind, row.data),
    id: String(row.id),
    suggestion:
      row.suggestion_id === null
        ? null
        : { id: String(row.suggestion_id), title: text(row.data.suggestionTitle) },
    actor:
      row.actor_id === null || row.actor_handle === null
        ? null
        : { id: String(row.actor_id), handle: row.actor_handle },
    read: row.read_at !== null,
    createdAt: iso(row.created_at),
  };
}

/** A short, plain excerpt of a post for a notification. */
export const excerpt = (body: string) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
};

/**
 * Fans one notification out to every follower of a suggestion in one statement
 * (call inside the transaction) and returns the deliveries to push after commit.
 * The payload is built once; only the id differs per recipient.
 */
export async function notifyFollowers(
  trx: Executor,
  n: {
    kind: NotificationKind;
    suggestionId: string;
    actor: { id: string; handle: string };
    data: Record<string, unknown>;
  },
): Promise<Delivery[]> {
  const rows = await repo.fanOut(trx, {
    kind: n.kind,
    suggestionId: n.suggestionId,
    actorId: n.actor.id,
    data: n.data,
  });
  const shared = { kind: n.kind, suggestion_id: n.suggestionId, announcement_id: null };
  return rows.map((row) => ({
    userId: String(row.user_id),
    notification: toNotification({
      ...shared,
      id: row.id,
      user_id: row.user_id,
      actor_id: n.actor.id,
      actor_handle: n.actor.handle,
      data: n.data,
      read_at: null,
      created_at: row.created_at,
    }),
  }));
}

/** Notifies one person (a reply to their post); nothing when they wrote it themselves. */
export async function notifyPerson(
  trx: Executor,
  n: {
    userId: string;
    kind: NotificationKind;
    suggestionId: string;
    actor: { id: string; handle: string };
    data: Record<string, unknown>;
  },
): Promise<Delivery[]> {
  const row = await repo.notifyOne(trx, { ...n, actorId: n.actor.id });
  if (!row) return [];
  const notification = toNotification({
    id: row.id,
    user_id: row.user_id,
    kind: n.kind,
    suggestion_id: n.suggestionId,
    announcement_id: null,
    actor_id: n.actor.id,
    actor_handle: n.actor.handle,
    data: n.data,
    read_at: null,
    created_at: row.created_at,
  });
  return [{ userId: String(row.user_id), notification }];
}

/** Tells the author of the post a new reply answers (unless they wrote the reply). */
export async function notifyReplied(
  trx: Executor,
  actor: { id: string; handle: string },
  reply: { id: string; suggestionId: string; parentId: string | null; body: string },
): Promise<Delivery[]> {
  const target = await repo.repliedTo(trx, reply.suggestionId, reply.parentId);
  if (!target?.user_id) return [];
  return notifyPerson(trx, {
    userId: String(target.user_id),
    kind: 'reply',
    suggestionId: reply.suggestionId,
    actor,
    data: { suggestionTitle: target.title, replyId: reply.id, excerpt: excerpt(reply.body) },
  });
}

/** The shipped digest: one per follower and announcement, in one statement. */
export async function notifyShipped(
  trx: Executor,
  d: {
    announcement: { id: string; title: string };
    actor: { id: string; handle: string };
    newlyShipped: string[];
  },
): Promise<Delivery[]> {
  const rows = await repo.shippedDigest(trx, {
    announcementId: d.announcement.id,
    title: d.announcement.title,
    actorId: d.actor.id,
    newlyShipped: d.newlyShipped,
  });
  return rows.map((row) => ({
    userId: String(row.user_id),
    notification: toNotification({ ...row, actor_handle: d.actor.handle }),
  }));
}

/** Pushes in slices, yielding between them, so a fan-out to thousands never stalls other requests. */
const PUSH_SLICE = 500;

/** Call after commit. Each recipient's `user:<id>` room gets its own notification. */
export function push(broadcast: Broadcast, deliveries: Delivery[]): void {
  const send = (from: number) => {
    const end = Math.min(from + PUSH_SLICE, deliveries.length);
    for (let i = from; i < end; i++) {
      const delivery = deliveries[i]!;
      broadcast.notification(delivery.userId, delivery.notification);
    }
    if (end < deliveries.length) setImmediate(send, end);
  };
  send(0);
}

const cursorKey = z.literal('n');

export async function listNotifications(
  db: Executor,
  userId: string,
  query: { cursor?: string | undefined; limit: number; unread: boolean },
): Promise<Page<Notification> & { unreadCount: number }> {
  const before = query.cursor ? decodeCursor(query.cursor, cursorKey)[1] : undefined;
  const [rows, unreadCount] = await Promise.all([
    repo.listForUser(db, { userId, unreadOnly: query.unread, limit: query.limit, before }),
    repo.countUnread(db, userId),
  ]);
  const items = rows.slice(0, query.limit).map(toNotification);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor('n', last.id) : null;
  return { items, nextCursor, unreadCount };
}

export async function markRead(db: Executor, userId: string, ids: string[] | undefined) {
  await repo.markRead(db, userId, ids);
  return { unreadCount: await repo.countUnread(db, userId) };
}
