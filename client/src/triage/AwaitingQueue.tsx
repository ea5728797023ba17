import { useEffect, useState } from 'preact/hooks';
import type { Announcement, Page, SuggestionView } from '../contracts.ts';
import { get } from '../lib/api.ts';
import { route, setQuery } from '../lib/router.tsx';
import { usePaged } from '../lib/usePaged.ts';
import { SuggestionRow } from '../suggestions/SuggestionRow.tsx';
import { PagedList, RefreshButton } from '../ui/PagedList.tsx';

/**
 * GET /api/triage/awaiting: open suggestions with no official response and no
 * status change yet, by votes then age, so nothing popular is ignored. The
 * announcement filter is in the query string (`?announcement=7`).
 */
export function AwaitingQueue() {
  const announcementId = route.value.query.get('announcement') ?? '';
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const path = `/triage/awaiting?limit=30${announcementId ? `&announcementId=${encodeURIComponent(announcementId)}` : ''}`;
  const queue = usePaged<SuggestionView>(path);
  const [votes, setVotes] = useState<
    Record<string, Pick<SuggestionView, 'voteCount' | 'viewerHasVoted'>>
  >({});

  useEffect(() => {
    get<Page<Announcement>>('/announcements?limit=50').then(
      (page) => setAnnouncements(page.items),
      () => {},
    );
  }, []);

  return (
    <section class="awaiting" aria-labelledby="awaiting-heading">
      <div class="list-head">
        <h2 id="awaiting-heading">Awaiting a response</h2>
        <div class="filter">
          <label for="awaiting-announcement">Announcement</label>
          <select
            id="awaiting-announcement"
            value={announcementId}
            onChange={(e) => setQuery('announcement', e.currentTarget.value)}
          >
            <option value="">All</option>
            {announcements.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <RefreshButton paged={queue} />
      </div>
      <PagedList
        paged={queue}
        what="the queue"
        empty="Every suggestion here has an answer from the team."
        listClass="suggestion-list"
        moreLabel="Show more"
      >
        {(s) => (
          <SuggestionRow
            key={s.id}
            suggestion={{ ...s, ...votes[s.id] }}
            onVotes={(v) => setVotes({ ...votes, [s.id]: v })}
          />
        )}
      </PagedList>
      <p class="exports">
        {announcementId ? (
          <>
            <a href={`/api/announcements/${announcementId}/export.csv`} download>
              Export this announcement’s suggestions (CSV)
            </a>
            {' · '}
          </>
        ) : null}
        <a href="/api/announcements.atom" type="application/atom+xml">
          Announcements feed (Atom)
        </a>
      </p>
    </section>
  );
}
