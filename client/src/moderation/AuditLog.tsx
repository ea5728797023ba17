import type { AuditEntry } from '../contracts.ts';
import { isRecord } from '../lib/api.ts';
import { fullDate } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { usePaged } from '../lib/usePaged.ts';
import { Time } from '../ui/bits.tsx';
import { PagedList, RefreshButton } from '../ui/PagedList.tsx';
import { actionLabel } from './labels.ts';

/** Every moderation action, newest first, with who did it, to what, and why. */
export function AuditLog() {
  const log = usePaged<AuditEntry>('/moderation/audit?limit=30');
  return (
    <section aria-labelledby="audit-heading">
      <div class="list-head">
        <h2 id="audit-heading">Audit log</h2>
        <RefreshButton paged={log} />
      </div>
      <PagedList
        paged={log}
        what="the audit log"
        empty="No moderation actions yet."
        listClass="audit-log"
        moreLabel="Older entries"
      >
        {(entry) => (
          <li key={entry.id} data-action={entry.action}>
            <Time iso={entry.createdAt} /> <strong>{entry.actor.handle}</strong>{' '}
            {actionLabel(entry.action)} <Target entry={entry} />
            {entry.reason ? <span class="audit-reason">: “{entry.reason}”</span> : null}
            {details(entry) ? <span class="muted"> ({details(entry)})</span> : null}
          </li>
        )}
      </PagedList>
    </section>
  );
}

/** The target by its name where it has one; posts and announcements link to their page. */
function Target({ entry }: { entry: AuditEntry }) {
  const name = entry.targetLabel ? `“${entry.targetLabel}”` : `#${entry.targetId}`;
  const label = `${entry.targetType} ${name}`;
  if (entry.targetType === 'announcement')
    return <Link href={`/a/${entry.targetId}`}>{label}</Link>;
  if (entry.suggestionId) return <Link href={`/s/${entry.suggestionId}`}>{label}</Link>;
  return <span>{label}</span>;
}

function details(entry: AuditEntry): string {
  const d = entry.details;
  if (!isRecord(d)) return '';
  const parts: string[] = [];
  if (typeof d.slowModeSeconds === 'number') parts.push(`slow mode ${d.slowModeSeconds} s`);
  if (typeof d.minAccountAgeHours === 'number')
    parts.push(`hold accounts younger than ${d.minAccountAgeHours} h`);
  if (typeof d.until === 'string') parts.push(`until ${fullDate(d.until)}`);
  if (typeof d.closed === 'number') parts.push(`${d.closed} closed`);
  return parts.join(', ');
}
