import type { VNode } from 'preact';
import type { Paged } from '../lib/usePaged.ts';
import { Loading } from './bits.tsx';

interface Props<T> {
  paged: Paged<T>;
  /** Shown while the first page loads: "Loading {what}…". */
  what: string;
  /** Shown when the list is empty. */
  empty: string;
  listClass: string;
  /** The "show more" button's label; without it, no button. */
  moreLabel?: string;
  /** One item, as an element with its key. */
  children: (item: T) => VNode;
}

/**
 * A paged list from the API as every queue shows it: its error next to it,
 * a loading line, an empty line, the items, and "show more".
 */
export function PagedList<T>({ paged, what, empty, listClass, moreLabel, children }: Props<T>) {
  const { items, error } = paged;
  return (
    <>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      {items === null ? (
        error ? null : (
          <Loading what={what} />
        )
      ) : items.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ol class={listClass}>{items.map(children)}</ol>
      )}
      {moreLabel && paged.hasMore ? (
        <button type="button" class="more" disabled={paged.busy} onClick={paged.more}>
          {moreLabel}
        </button>
      ) : null}
    </>
  );
}

/** Fetches the list's first page again. */
export function RefreshButton<T>({ paged }: { paged: Paged<T> }) {
  return (
    <button type="button" onClick={paged.refresh} disabled={paged.busy}>
      Refresh
    </button>
  );
}
