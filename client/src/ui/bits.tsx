import type { SuggestionStatus } from '../contracts.ts';
import { ago, fullDate, STATUS_LABELS } from '../lib/format.ts';

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
