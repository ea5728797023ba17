import { useEffect, useMemo } from 'preact/hooks';
import { authEpoch, hasRole, user } from '../auth/session.ts';
import {
  SUGGESTION_SORTS,
  SUGGESTION_STATUSES,
  type SuggestionSort,
  type SuggestionStatus,
} from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { plural, STATUS_LABELS } from '../lib/format.ts';
import { lazy } from '../lib/lazy.tsx';
import { usePage } from '../lib/page.ts';
import { Link, route, setQuery, signInHref } from '../lib/router.tsx';
import { LiveBadge } from '../live/LiveBadge.tsx';
import { useLive } from '../live/useLive.ts';
import { Composer } from '../suggestions/Composer.tsx';
import { SuggestionRow } from '../suggestions/SuggestionRow.tsx';
import { Loading, Time } from '../ui/bits.tsx';
import { ErrorNote } from '../ui/Field.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { type AnnouncementScreen, createAnnouncementScreen } from './announcement-screen.ts';

// Team and moderator tools are their own chunks: fans never download them.
const UpdateTools = lazy(
  () => import('../triage/UpdateTools.tsx').then((m) => m.UpdateTools),
  'the team tools',
);
const AnnouncementModeration = lazy(
  () => import('../moderation/AnnouncementModeration.tsx').then((m) => m.AnnouncementModeration),
  'the moderation tools',
);

const SORT_LABELS: Record<SuggestionSort, string> = {
  hot: 'Hot',
  top: 'Top',
  new: 'New',
  trending: 'Trending',
};

const asSort = (value: string | null): SuggestionSort =>
  SUGGESTION_SORTS.find((s) => s === value) ?? 'hot';
const asStatus = (value: string | null): SuggestionStatus | null =>
  SUGGESTION_STATUSES.find((s) => s === value) ?? null;

export function AnnouncementPage({ id }: { id: string }) {
  const query = route.value.query;
  const sort = asSort(query.get('sort'));
  const status = asStatus(query.get('status'));
  const tag = query.get('tag');
  const epoch = authEpoch.value;
  // A new screen per announcement and per sign-in (your votes differ).
  const screen = useMemo(
    () => createAnnouncementScreen(id, { sort, status, tag }, () => user.peek()),
    [id, epoch],
  );
  useEffect(() => screen.setQuery({ sort, status, tag }), [screen, sort, status, tag]);
  useLive(screen);

  const a = screen.announcement.value;
  usePage(a?.title);
  const failure = screen.failure.value;
  if (failure) {
    return failure.status === 404 ? (
      <NotFound what="announcement" />
    ) : (
      <ErrorNote message={failure.message} />
    );
  }
  if (!a) return <Loading what="the announcement" />;

  return (
    <article class="announcement">
      <header class="page-head">
        <p class="crumbs">
          <Link href="/">Announcements</Link>
        </p>
        <h1>{a.title}</h1>
        <p class="meta">
          {a.pinned ? <span class="badge">Pinned</span> : null}
          {a.locked ? <span class="badge badge-locked">Locked</span> : null}
          <span>
            by {a.author.handle}, <Time iso={a.createdAt} />
          </span>
          <span class="suggestion-count">{plural(a.suggestionCount, 'suggestion')}</span>
        </p>
        <LiveBadge room={`announcement:${id}`} />
      </header>
      {/* bodyHtml is rendered and sanitized by the server. */}
      <div class="prose card" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
      {hasRole(user.value, 'team') ? <UpdateTools screen={screen} /> : null}
      {hasRole(user.value, 'team', 'moderator') ? <AnnouncementModeration screen={screen} /> : null}

      {a.locked ? (
        <p class="notice">This announcement is locked: no new suggestions.</p>
      ) : user.value ? (
        <Composer
          announcementId={id}
          onPosted={(s) => {
            screen.addOwn(s);
            announce(`Your suggestion “${s.title}” was posted`);
          }}
        />
      ) : user.value === null ? (
        <p class="notice">
          <Link href={signInHref()}>Sign in</Link> to make a suggestion or vote.
        </p>
      ) : null}

      <Shipped screen={screen} />
      <SuggestionList screen={screen} sort={sort} status={status} tag={tag} />
    </article>
  );
}

/** An update that shipped fans' ideas says which: the loop, closed in public. */
function Shipped({ screen }: { screen: AnnouncementScreen }) {
  const items = screen.shipped.value;
  if (items.length === 0) return null;
  return (
    <section class="card shipped" aria-labelledby="shipped-heading">
      <h2 id="shipped-heading">Shipped from your suggestions</h2>
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            <Link href={`/s/${s.id}`}>{s.title}</Link>{' '}
            <span class="muted">
              {plural(s.voteCount, 'vote')}, by {s.author.handle}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SuggestionList({
  screen,
  sort,
  status,
  tag,
}: {
  screen: AnnouncementScreen;
  sort: SuggestionSort;
  status: SuggestionStatus | null;
  tag: string | null;
}) {
  const items = screen.items.value;
  const pending = screen.pending.value.length;
  const reordered = screen.reordered.value;
  const base = `/a/${screen.id}`;
  const hrefFor = (next: SuggestionSort) => {
    const params = new URLSearchParams();
    if (next !== 'hot') params.set('sort', next);
    if (status) params.set('status', status);
    if (tag) params.set('tag', tag);
    const search = params.toString();
    return search ? `${base}?${search}` : base;
  };

  const show = async () => {
    await screen.showPending();
    document.getElementById('suggestions-heading')?.focus();
  };

  return (
    <section class="suggestions" aria-labelledby="suggestions-heading">
      <div class="list-head">
        <h2 id="suggestions-heading" tabIndex={-1}>
          Suggestions
        </h2>
        <nav class="tabs" aria-label="Sort suggestions">
          {SUGGESTION_SORTS.map((s) => (
            <Link key={s} href={hrefFor(s)} aria-current={s === sort ? 'page' : undefined}>
              {SORT_LABELS[s]}
            </Link>
          ))}
        </nav>
        <div class="filter">
          <label for="status-filter">Status</label>
          <select
            id="status-filter"
            value={status ?? ''}
            onChange={(e) => setQuery('status', e.currentTarget.value)}
          >
            <option value="">All</option>
            {SUGGESTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {tag ? (
        <p class="filter-chip">
          Tagged <strong>#{tag}</strong>{' '}
          <button type="button" class="link-button" onClick={() => setQuery('tag', null)}>
            Show all tags
          </button>
        </p>
      ) : null}
      <div class="banner-slot" aria-live="polite">
        {pending > 0 || reordered ? (
          <button type="button" class="new-banner" onClick={show}>
            {pending > 0 ? `${plural(pending, 'new suggestion')}` : 'The ranking changed'}
            {pending > 0 && reordered ? ', ranking changed' : ''} — show
          </button>
        ) : null}
      </div>

      <ErrorNote message={screen.listError.value} />
      {items === null ? (
        screen.listError.value ? null : (
          <Loading what="suggestions" />
        )
      ) : items.length === 0 ? (
        <p class="empty">
          {status
            ? `No ${STATUS_LABELS[status].toLowerCase()} suggestions.`
            : 'No suggestions yet.'}
        </p>
      ) : (
        <ol class="suggestion-list">
          {items.map((s) => (
            <SuggestionRow
              key={s.id}
              suggestion={s}
              highlighted={screen.highlighted.value === s.id}
              onVotes={(votes) => screen.setVotes(s.id, votes)}
            />
          ))}
        </ol>
      )}
      {screen.nextCursor.value ? (
        <button
          type="button"
          class="more"
          disabled={screen.loadingMore.value}
          onClick={() => screen.loadMore()}
        >
          {screen.loadingMore.value ? 'Loading…' : 'Show more suggestions'}
        </button>
      ) : null}
    </section>
  );
}
