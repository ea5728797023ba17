import { useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../contracts.ts';
import { describe, get } from './api.ts';

export interface Paged<T> {
  /** null until the first page arrives. */
  items: T[] | null;
  error: string | undefined;
  busy: boolean;
  hasMore: boolean;
  more(): void;
  refresh(): void;
  /** Takes items out once acted on (resolved, approved). */
  drop(keep: (item: T) => boolean): void;
}

/**
 * A list the API pages with `{items, nextCursor}`: the first page on mount
 * (and when `path` changes), "show more" with the cursor, a refresh.
 */
export function usePaged<T>(path: string): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const version = useRef(0);

  const load = async (cursor?: string) => {
    const mine = cursor ? version.current : ++version.current;
    setBusy(true);
    try {
      const sep = path.includes('?') ? '&' : '?';
      const page = await get<Page<T>>(
        cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path,
      );
      if (mine !== version.current) return;
      setItems((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
      setNext(page.nextCursor ?? null);
      setError(undefined);
    } catch (err) {
      if (mine === version.current) setError(describe(err));
    } finally {
      if (mine === version.current) setBusy(false);
    }
  };

  useEffect(() => {
    setItems(null);
    void load();
  }, [path]);

  return {
    items,
    error,
    busy,
    hasMore: next !== null,
    more: () => {
      if (next && !busy) void load(next);
    },
    refresh: () => void load(),
    drop: (keep) => setItems((before) => before?.filter(keep) ?? null),
  };
}
