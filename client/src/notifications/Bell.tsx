import { useEffect, useRef, useState } from 'preact/hooks';
import { user } from '../auth/session.ts';
import { Link } from '../lib/router.tsx';
import { watch } from '../live/socket.ts';
import { Time } from '../ui/bits.tsx';
import {
  available,
  items,
  loadNotifications,
  markAllRead,
  receive,
  unread,
} from './notifications.ts';

/** The bell: a live unread count and the latest notifications in a panel. */
export function Bell() {
  const me = user.value;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const userId = me?.id;

  useEffect(() => {
    if (!userId) return;
    let stop: (() => void) | undefined;
    let alive = true;
    void loadNotifications().then(() => {
      if (!alive || !available.peek()) return;
      // Joins no room: the server puts a signed-in socket in its own user room.
      stop = watch([], { notification: receive }, () => void loadNotifications()).stop;
    });
    return () => {
      alive = false;
      stop?.();
    };
  }, [userId]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('click', outside);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  if (!me || !available.value) return null;
  const count = unread.value;
  return (
    <div class="bell">
      <button
        ref={button}
        type="button"
        class="icon-button bell-button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
            fill="currentColor"
          />
        </svg>
        {count ? (
          <span class="bell-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      <div ref={panel} id="notifications-panel" class="bell-panel" hidden={!open}>
        <div class="bell-head">
          <h2>Notifications</h2>
          {count ? (
            <button type="button" class="link-button" onClick={() => markAllRead()}>
              Mark all read
            </button>
          ) : null}
        </div>
        {items.value.length === 0 ? (
          <p class="muted">Nothing yet. You hear here when ideas you voted for move.</p>
        ) : (
          <ul>
            {items.value.slice(0, 8).map((n) => (
              <li key={n.id} class={n.read ? '' : 'unread'}>
                {n.href ? (
                  <Link href={n.href} onClick={() => setOpen(false)}>
                    {n.text}
                  </Link>
                ) : (
                  <span>{n.text}</span>
                )}{' '}
                <Time iso={n.createdAt} />
              </li>
            ))}
          </ul>
        )}
        <Link href="/me" onClick={() => setOpen(false)}>
          All notifications
        </Link>
      </div>
    </div>
  );
}
