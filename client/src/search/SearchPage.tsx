import { useEffect, useState } from 'preact/hooks';
import type { SuggestionStatus } from '../contracts.ts';
import { ApiFailure, describe, get, isRecord } from '../lib/api.ts';
import { plural } from '../lib/format.ts';
import { usePage } from '../lib/page.ts';
import { Link, navigate, route } from '../lib/router.tsx';
import { Loading, StatusBadge } from '../ui/bits.tsx';
import { ErrorNote, Field } from '../ui/Field.tsx';

interface Hit {
  id: string;
  title: string;
  status?: SuggestionStatus;
  voteCount?: number;
  snippet: string;
}

/** A search answer's items, read defensively; any markup in a snippet is dropped, not rendered. */
function toHits(answer: unknown): Hit[] {
  const list = isRecord(answer) && Array.isArray(answer.items) ? answer.items : [];
  const hits: Hit[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.id !== 'string' || typeof item.title !== 'string') continue;
    const raw = [item.headline, item.snippet, item.excerpt].find((v) => typeof v === 'string');
    hits.push({
      id: item.id,
      title: item.title,
      ...(typeof item.status === 'string' ? { status: item.status as SuggestionStatus } : {}),
      ...(typeof item.voteCount === 'number' ? { voteCount: item.voteCount } : {}),
      snippet: typeof raw === 'string' ? raw.replace(/<[^>]*>/g, '') : '',
    });
  }
  return hits;
}

export function SearchPage() {
  usePage('Search');
  const q = route.value.query.get('q') ?? '';
  const [text, setText] = useState(q);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'ready' | 'missing'>('idle');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setText(q);
    if (!q.trim()) {
      setState('idle');
      setHits(null);
      return;
    }
    const abort = new AbortController();
    setState('loading');
    setError(undefined);
    get<unknown>(`/search?${new URLSearchParams({ q })}`, abort.signal).then(
      (answer) => {
        setHits(toHits(answer));
        setState('ready');
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        if (err instanceof ApiFailure && err.missing) setState('missing');
        else {
          setError(describe(err));
          setState('idle');
        }
      },
    );
    return () => abort.abort();
  }, [q]);

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">Search</h1>
      <search>
        <form
          class="search-form"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/search?${new URLSearchParams({ q: text.trim() })}`);
          }}
        >
          <Field
            id="search-q"
            label="Search suggestions"
            hideLabel
            type="search"
            placeholder="Search suggestions…"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            Search
          </button>
        </form>
      </search>
      <ErrorNote message={error} />
      {state === 'missing' ? <p class="notice">Search is not available yet.</p> : null}
      {state === 'loading' ? <Loading what="results" /> : null}
      {state === 'ready' && hits ? (
        <div aria-live="polite">
          <p class="muted">
            {plural(hits.length, 'result')} for “{q}”
          </p>
          <ul class="search-results">
            {hits.map((hit) => (
              <li key={hit.id} class="card">
                <Link href={`/s/${hit.id}`}>{hit.title}</Link>
                <p class="meta">
                  {hit.status ? <StatusBadge status={hit.status} /> : null}
                  {hit.voteCount !== undefined ? (
                    <span>{plural(hit.voteCount, 'vote')}</span>
                  ) : null}
                </p>
                {hit.snippet ? <p class="excerpt">{hit.snippet}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
