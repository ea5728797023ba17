import { useEffect, useState } from 'preact/hooks';
import type { Page, Suggestion } from '../contracts.ts';
import { describe, get } from '../lib/api.ts';
import { plural, STATUS_LABELS } from '../lib/format.ts';

interface Props {
  id: string;
  label: string;
  /** What to offer before anything is typed (near-duplicates, the roadmap). */
  suggest: (signal: AbortSignal) => Promise<Suggestion[]>;
  /** Ids not to offer (the suggestion itself, ones already picked). */
  exclude: readonly string[];
  /** The button's verb: "Merge into", "Add". */
  verb: string;
  onPick: (suggestion: Suggestion) => void;
}

/**
 * Finds a suggestion to act on: offers likely ones first, and full-text
 * search (GET /api/search) once two characters are typed.
 */
export function SuggestionPicker({ id, label, suggest, exclude, verb, onPick }: Props) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const text = query.trim();

  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(
      async () => {
        try {
          const list =
            text.length >= 2
              ? (
                  await get<Page<Suggestion>>(
                    `/search?${new URLSearchParams({ q: text, limit: '8' })}`,
                    abort.signal,
                  )
                ).items
              : await suggest(abort.signal);
          setFound(list);
          setError(undefined);
        } catch (err) {
          if (!abort.signal.aborted) setError(describe(err));
        }
      },
      text ? 300 : 0,
    );
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text]);

  const shown = (found ?? []).filter((s) => !exclude.includes(s.id) && s.status !== 'merged');
  return (
    <div class="picker">
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <p id={`${id}-hint`} class="hint">
          Type to search every suggestion; likely ones are listed first.
        </p>
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : found === null ? (
        <p class="loading">Looking…</p>
      ) : shown.length === 0 ? (
        <p class="muted">No matching suggestions.</p>
      ) : (
        <ul class="picker-results" aria-label={`${label}: results`}>
          {shown.map((s) => (
            <li key={s.id}>
              <span class="picker-title">{s.title}</span>{' '}
              <span class="muted">
                {STATUS_LABELS[s.status]}, {plural(s.voteCount, 'vote')}
              </span>
              <button type="button" aria-label={`${verb} “${s.title}”`} onClick={() => onPick(s)}>
                {verb}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
