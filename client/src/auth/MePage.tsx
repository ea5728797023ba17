import { useEffect, useState } from 'preact/hooks';
import { describe } from '../lib/api.ts';
import { usePage } from '../lib/page.ts';
import { Link, navigate } from '../lib/router.tsx';
import {
  available,
  items,
  loadNotifications,
  markAllRead,
  unread,
} from '../notifications/notifications.ts';
import { Loading, Time } from '../ui/bits.tsx';
import { ErrorNote } from '../ui/Field.tsx';
import { signOut, user } from './session.ts';

const ROLE_LABELS = {
  member: 'Member',
  team: 'Product team',
  moderator: 'Moderator',
  admin: 'Administrator',
} as const;

/** Your account: who you are, your notifications, signing out. */
export function MePage() {
  usePage('Your account');
  const me = user.value;
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (me) void loadNotifications();
  }, [me]);
  if (me === undefined) return <Loading what="your account" />;
  if (me === null) {
    return (
      <section class="narrow">
        <h1>Your account</h1>
        <p>
          <Link href="/signin?next=%2Fme">Sign in</Link> to see your account and notifications.
        </p>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>{me.handle}</h1>
      <p class="meta">{ROLE_LABELS[me.role]}</p>
      <button
        type="button"
        onClick={async () => {
          try {
            await signOut();
            navigate('/');
          } catch (err) {
            setError(describe(err));
          }
        }}
      >
        Sign out
      </button>
      <ErrorNote message={error} />
      {available.value ? (
        <section aria-labelledby="notifications-heading" class="notifications">
          <div class="bell-head">
            <h2 id="notifications-heading">Notifications</h2>
            {unread.value ? (
              <button type="button" class="link-button" onClick={() => markAllRead()}>
                Mark all read
              </button>
            ) : null}
          </div>
          {items.value.length === 0 ? (
            <p class="muted">No notifications yet.</p>
          ) : (
            <ul class="notification-list">
              {items.value.map((n) => (
                <li key={n.id} class={n.read ? '' : 'unread'}>
                  {n.href ? <Link href={n.href}>{n.text}</Link> : <span>{n.text}</span>}{' '}
                  <Time iso={n.createdAt} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </section>
  );
}
