import { hasRole, user } from '../auth/session.ts';
import { usePage } from '../lib/page.ts';
import { Link, route } from '../lib/router.tsx';
import { Loading, StaffOnly } from '../ui/bits.tsx';
import { AuditLog } from './AuditLog.tsx';
import { FlagQueue } from './FlagQueue.tsx';
import { HeldPosts } from './HeldPosts.tsx';

const VIEWS = [
  ['flags', 'Flags'],
  ['held', 'Held posts'],
  ['audit', 'Audit log'],
] as const;
type View = (typeof VIEWS)[number][0];

/**
 * The moderators' desk during a flood: what members flagged (grouped by
 * post, with counts and reasons), posts held for approval, and the audit log
 * of every action. The view is in the query string, so it reloads and shares.
 */
export function ModerationPage() {
  const asked = route.value.query.get('view');
  const view: View = VIEWS.find(([v]) => v === asked)?.[0] ?? 'flags';
  usePage(`Moderation: ${VIEWS.find(([v]) => v === view)?.[1]}`);
  const me = user.value;
  if (me === undefined) return <Loading what="your account" />;
  if (!hasRole(me, 'moderator')) return <StaffOnly who="moderators" />;
  return (
    <section class="moderation" aria-labelledby="moderation-heading">
      <h1 id="moderation-heading">Moderation</h1>
      <nav class="tabs" aria-label="Moderation views">
        {VIEWS.map(([v, label]) => (
          <Link
            key={v}
            href={v === 'flags' ? '/moderation' : `/moderation?view=${v}`}
            aria-current={v === view ? 'page' : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      {view === 'flags' ? <FlagQueue /> : view === 'held' ? <HeldPosts /> : <AuditLog />}
    </section>
  );
}
