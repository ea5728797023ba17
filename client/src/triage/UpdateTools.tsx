import { useState } from 'preact/hooks';
import type { AnnouncementScreen } from '../announcements/announcement-screen.ts';
import type { Roadmap, Suggestion, SuggestionView } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { api, describe, get } from '../lib/api.ts';
import { plural } from '../lib/format.ts';
import { SuggestionPicker } from './SuggestionPicker.tsx';

/**
 * The team's tools on an announcement (an update): ship suggestions in it —
 * each becomes shipped, and every follower gets one digest — and export its
 * suggestions as CSV.
 */
export function UpdateTools({ screen }: { screen: AnnouncementScreen }) {
  const [picked, setPicked] = useState<Suggestion[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const shipped = screen.shipped.value.map((s) => s.id);

  const ship = async () => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const answer = await api<{ items: SuggestionView[]; notified: number }>(
        'POST',
        `/announcements/${screen.id}/shipped`,
        { body: { suggestionIds: picked.map((s) => s.id) } },
      );
      screen.shipped.value = answer.items;
      const message = `${plural(picked.length, 'suggestion')} shipped in this update; ${plural(answer.notified, 'follower')} told.`;
      setDone(message);
      announce(message);
      setPicked([]);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="card team-panel">
      <summary>Team tools</summary>
      <form
        class="team-form ship-form"
        aria-label="Ship in this update"
        onSubmit={(e) => {
          e.preventDefault();
          void ship();
        }}
      >
        <h3>Ship in this update</h3>
        <SuggestionPicker
          id={`ship-pick-${screen.id}`}
          label="Find suggestions this update ships"
          verb="Add"
          exclude={[...shipped, ...picked.map((s) => s.id)]}
          suggest={async (signal) => {
            const map = await get<Roadmap>('/roadmap?limit=20', signal);
            return [...map.inProgress, ...map.planned];
          }}
          onPick={(s) => setPicked([...picked, s])}
        />
        {picked.length ? (
          <ul class="picked" aria-label="To ship">
            {picked.map((s) => (
              <li key={s.id}>
                {s.title}{' '}
                <button
                  type="button"
                  class="link-button"
                  aria-label={`Remove “${s.title}”`}
                  onClick={() => setPicked(picked.filter((p) => p.id !== s.id))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p class="error-note" role="alert">
            {error}
          </p>
        ) : null}
        {done ? (
          <p class="success" role="status">
            {done}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy || picked.length === 0}>
          {picked.length ? `Ship ${plural(picked.length, 'suggestion')}` : 'Ship'}
        </button>
      </form>
      <div class="team-form">
        <h3>Export</h3>
        <p>
          <a href={`/api/announcements/${screen.id}/export.csv`} download>
            Download this announcement’s suggestions (CSV)
          </a>{' '}
          <span class="muted">status, votes, replies, tags, author</span>
        </p>
      </div>
    </details>
  );
}
