import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Announcement, Page } from '../contracts.ts';
import { describe, get } from '../lib/api.ts';
import { excerpt, plural } from '../lib/format.ts';
import { usePage } from '../lib/page.ts';
import { Link } from '../lib/router.tsx';
import { Loading, Time } from '../ui/bits.tsx';
import { ErrorNote } from '../ui/Field.tsx';

/** Announcements, pinned first (the server's order), each with its suggestion count. */
export function HomePage() {
  usePage(undefined);
  const items = useSignal<Announcement[] | null>(null);
  const next = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const load = async (cursor?: string) => {
    busy.value = true;
    try {
      const page = await get<Page<Announcement>>(
        `/announcements${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.value = cursor ? [...(items.value ?? []), ...page.items] : page.items;
      next.value = page.nextCursor;
      error.value = null;
    } catch (err) {
      error.value = describe(err);
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const list = items.value;
  return (
    <section class="home" aria-labelledby="home-heading">
      <h1 id="home-heading">Announcements</h1>
      <p class="lede">
        What the team is working on. Open one to suggest what comes next, vote for ideas you like,
        and follow them from suggestion to shipped.
      </p>
      <ErrorNote message={error.value} />
      {list === null ? (
        error.value ? null : (
          <Loading what="announcements" />
        )
      ) : list.length === 0 ? (
        <p class="empty">No announcements yet.</p>
      ) : (
        <ul class="announcement-list">
          {list.map((a) => (
            <li key={a.id} class={`card announcement-card${a.pinned ? ' is-pinned' : ''}`}>
              <h2>
                <Link href={`/a/${a.id}`}>{a.title}</Link>
              </h2>
              <p class="meta">
                {a.pinned ? <span class="badge">Pinned</span> : null}
                {a.locked ? <span class="badge badge-locked">Locked</span> : null}
                <span class="suggestion-count">{plural(a.suggestionCount, 'suggestion')}</span>
                <span>
                  <Time iso={a.createdAt} />
                </span>
              </p>
              <p class="excerpt">{excerpt(a.body)}</p>
            </li>
          ))}
        </ul>
      )}
      {next.value ? (
        <button
          type="button"
          class="more"
          disabled={busy.value}
          onClick={() => load(next.value ?? undefined)}
        >
          {busy.value ? 'Loading…' : 'Older announcements'}
        </button>
      ) : null}
    </section>
  );
}
