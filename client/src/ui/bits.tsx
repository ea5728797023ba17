import type { SuggestionStatus, Tag } from '../contracts.ts';
import { ago, fullDate, STATUS_LABELS } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';

export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={fullDate(iso)}>
      {ago(iso)}
    </time>
  );
}

export function StatusBadge({ status }: { status: SuggestionStatus }) {
  return <span class={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}

/** Words read by screen readers and hidden from sight. */
export function SrOnly({ children }: { children: string }) {
  return <span class="sr-only">{children}</span>;
}

/** The team's tags; each lists the announcement's suggestions with that tag. */
export function Tags({
  tags,
  announcementId,
}: {
  tags: Tag[] | undefined;
  announcementId: string;
}) {
  if (!tags?.length) return null;
  return (
    <ul class="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.id}>
          <Link href={`/a/${announcementId}?tag=${encodeURIComponent(tag.name)}`}>#{tag.name}</Link>
        </li>
      ))}
    </ul>
  );
}

/** A staff screen opened by someone without the role (or signed out). */
export function StaffOnly({ who }: { who: string }) {
  return (
    <section class="narrow">
      <h1>For {who}</h1>
      <p>
        This page is for {who}.{' '}
        <Link href={`/signin?next=${encodeURIComponent(window.location.pathname)}`}>
          Sign in with such an account
        </Link>{' '}
        or go <Link href="/">back to the announcements</Link>.
      </p>
    </section>
  );
}
