/**
 * The signed-in user's notifications: the bell's unread count, kept live by
 * `notification` events on the socket's own user room. The feature hides
 * itself when the server has no /api/notifications.
 *
 * The shape mirrors the triage work's `Notification` (kind-specific detail),
 * read defensively: a kind this client does not know still shows, as text.
 */
import { batch, signal } from '@preact/signals';
import type { SuggestionStatus } from '../contracts.ts';
import { ApiFailure, api, get, isRecord } from '../lib/api.ts';
import { STATUS_LABELS } from '../lib/format.ts';

export interface NotificationItem {
  id: string;
  text: string;
  href: string | null;
  read: boolean;
  createdAt: string;
}

/** undefined until asked; false when the server has no notifications. */
export const available = signal<boolean | undefined>(undefined);
export const unread = signal(0);
export const items = signal<NotificationItem[]>([]);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const ref = (value: unknown) =>
  isRecord(value) ? { id: str(value.id), title: str(value.title) } : { id: '', title: '' };
const status = (value: unknown): string =>
  STATUS_LABELS[value as SuggestionStatus] ?? str(value).replace(/_/g, ' ');

/** One notification as a sentence and a link. */
export function toItem(raw: unknown): NotificationItem | null {
  if (!isRecord(raw) || typeof raw.id !== 'string') return null;
  const suggestion = ref(raw.suggestion);
  const actor = isRecord(raw.actor) ? str(raw.actor.handle) : '';
  const about = suggestion.title ? `“${suggestion.title}”` : 'a suggestion';
  let text: string;
  let href: string | null = suggestion.id ? `/s/${suggestion.id}` : null;
  switch (raw.kind) {
    case 'status':
      text = `${about} is now ${status(raw.to)}${raw.note ? `: ${str(raw.note)}` : ''}`;
      break;
    case 'response':
      text = `The team responded to ${about}`;
      break;
    case 'reply':
      text = `${actor || 'Someone'} replied on ${about}: ${str(raw.excerpt)}`;
      break;
    case 'merged': {
      const into = ref(raw.into);
      text = `${about} was merged into “${into.title}”`;
      if (into.id) href = `/s/${into.id}`;
      break;
    }
    case 'shipped': {
      const update = ref(raw.announcement);
      const shipped = Array.isArray(raw.suggestions) ? raw.suggestions.map(ref) : [];
      text = `Shipped in ${update.title || 'an update'}: ${shipped.map((s) => `“${s.title}”`).join(', ')}`;
      if (update.id) href = `/a/${update.id}`;
      break;
    }
    default:
      text = str(raw.message) || str(raw.text) || `Update on ${about}`;
  }
  return {
    id: raw.id,
    text,
    href,
    read: raw.read === true || (typeof raw.readAt === 'string' && raw.readAt !== ''),
    createdAt: str(raw.createdAt) || new Date().toISOString(),
  };
}

function readPage(answer: unknown): NotificationItem[] {
  const list = isRecord(answer) && Array.isArray(answer.items) ? answer.items : [];
  return list.map(toItem).filter((n): n is NotificationItem => n !== null);
}

export async function loadNotifications(): Promise<void> {
  if (available.value === false) return;
  try {
    const answer = await get<unknown>('/notifications?limit=20');
    const list = readPage(answer);
    const count =
      isRecord(answer) && typeof answer.unreadCount === 'number'
        ? answer.unreadCount
        : list.filter((n) => !n.read).length;
    batch(() => {
      available.value = true;
      items.value = list;
      unread.value = count;
    });
  } catch (err) {
    if (err instanceof ApiFailure && err.missing) available.value = false;
  }
}

/** A notification pushed live. */
export function receive(raw: unknown): void {
  const item = toItem(raw);
  if (!item || items.value.some((n) => n.id === item.id)) return;
  batch(() => {
    items.value = [item, ...items.value].slice(0, 50);
    if (!item.read) unread.value++;
  });
}

export async function markAllRead(): Promise<void> {
  const before = { list: items.value, count: unread.value };
  batch(() => {
    items.value = items.value.map((n) => ({ ...n, read: true }));
    unread.value = 0;
  });
  try {
    // Without ids: all of them. The answer is the count left (others may have arrived).
    const answer = await api<unknown>('POST', '/notifications/read', { body: {} });
    if (isRecord(answer) && typeof answer.unreadCount === 'number')
      unread.value = answer.unreadCount;
  } catch {
    batch(() => {
      items.value = before.list;
      unread.value = before.count;
    });
  }
}

export function forget(): void {
  batch(() => {
    items.value = [];
    unread.value = 0;
  });
}
