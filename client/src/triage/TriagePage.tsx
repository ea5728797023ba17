import { hasRole, user } from '../auth/session.ts';
import { usePage } from '../lib/page.ts';
import { Loading, StaffOnly } from '../ui/bits.tsx';
import { AwaitingQueue } from './AwaitingQueue.tsx';
import { TagManager } from './TagManager.tsx';

/**
 * The product team's desk: popular suggestions nobody on the team has
 * answered yet, the tags, and the exports. Work on a suggestion happens on
 * its page, under "Team tools".
 */
export function TriagePage() {
  usePage('Triage');
  const me = user.value;
  if (me === undefined) return <Loading what="your account" />;
  if (!hasRole(me, 'team')) return <StaffOnly who="the product team" />;
  return (
    <section class="triage" aria-labelledby="triage-heading">
      <h1 id="triage-heading">Triage</h1>
      <p class="lede">
        Open suggestions without a team response, most votes first: answer, tag, merge duplicates or
        plan them from their page.
      </p>
      <AwaitingQueue />
      <TagManager />
    </section>
  );
}
