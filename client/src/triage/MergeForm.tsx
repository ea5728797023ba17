import { useState } from 'preact/hooks';
import type { SimilarSuggestion, Suggestion, SuggestionView } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { api, describe, get } from '../lib/api.ts';
import type { SuggestionScreen } from '../suggestions/suggestion-screen.ts';
import { SuggestionPicker } from './SuggestionPicker.tsx';

interface Merged {
  source: SuggestionView;
  target: SuggestionView;
}

/**
 * Merging a duplicate into the suggestion it repeats (votes united, one per
 * person; replies moved; followers told), and undoing it exactly.
 */
export function MergeForm({
  screen,
  suggestion: s,
}: {
  screen: SuggestionScreen;
  suggestion: SuggestionView;
}) {
  const [into, setInto] = useState<Suggestion | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<Merged>('POST', `/suggestions/${s.id}/${path}`, { body });
      screen.applySuggestion(answer.source);
      // Replies moved with the merge (or came back): the thread is refetched.
      void screen.resync();
      setInto(null);
      announce(
        path === 'merge'
          ? `Merged into “${answer.target.title}”`
          : 'Merge undone: votes and replies are back',
      );
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const failure = error ? (
    <p class="error-note" role="alert">
      {error}
    </p>
  ) : null;

  if (s.status === 'merged')
    return (
      <div class="team-form">
        <p>Undo the merge to bring back this suggestion’s own votes, replies and status.</p>
        {failure}
        <button type="button" disabled={busy} onClick={() => run('unmerge')}>
          Undo merge
        </button>
      </div>
    );

  return (
    <div class="team-form merge-form">
      <h3>Merge a duplicate</h3>
      {into ? (
        <div class="confirm-merge">
          <p>
            Merge this suggestion into <strong>{into.title}</strong>? Its votes (one per person) and
            replies move there, and its followers are told. You can undo it.
          </p>
          {failure}
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => run('merge', { intoId: into.id })}
            >
              Merge
            </button>
            <button type="button" onClick={() => setInto(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <SuggestionPicker
          id={`merge-into-${s.id}`}
          label="Merge this suggestion into"
          verb="Merge into"
          exclude={[s.id]}
          suggest={async (signal) => {
            const params = new URLSearchParams({
              title: s.title,
              announcementId: s.announcementId,
              limit: '8',
            });
            return (
              await get<{ items: SimilarSuggestion[] }>(`/suggestions/similar?${params}`, signal)
            ).items;
          }}
          onPick={setInto}
        />
      )}
    </div>
  );
}
