import { useEffect, useState } from 'preact/hooks';
import type { Roadmap } from '../contracts.ts';
import { ApiFailure, describe, get } from '../lib/api.ts';
import { plural } from '../lib/format.ts';
import { usePage } from '../lib/page.ts';
import { Link } from '../lib/router.tsx';
import { Loading, StatusBadge } from '../ui/bits.tsx';
import { ErrorNote } from '../ui/Field.tsx';

const COLUMNS: [keyof Roadmap, string][] = [
  ['planned', 'Planned'],
  ['inProgress', 'In progress'],
  ['shipped', 'Shipped'],
];

export function RoadmapPage() {
  usePage('Roadmap');
  const [roadmap, setRoadmap] = useState<Roadmap | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | 'failed'>('loading');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    // Planned, in progress, shipped: each column ordered by votes.
    get<Roadmap>('/roadmap').then(
      (answer) => {
        setRoadmap(answer);
        setState('ready');
      },
      (err: unknown) => {
        if (err instanceof ApiFailure && err.missing) setState('missing');
        else {
          setError(describe(err));
          setState('failed');
        }
      },
    );
  }, []);
  return (
    <section aria-labelledby="roadmap-heading">
      <h1 id="roadmap-heading">Roadmap</h1>
      <p class="lede">
        Ideas from the community on their way: what the team plans, builds and ships.
      </p>
      {state === 'loading' ? <Loading what="the roadmap" /> : null}
      {state === 'missing' ? <p class="notice">The roadmap is not published yet.</p> : null}
      <ErrorNote message={error} />
      {roadmap ? (
        <div class="roadmap">
          {COLUMNS.map(([key, label]) => (
            <section key={key} class="roadmap-column" aria-labelledby={`col-${key}`}>
              <h2 id={`col-${key}`}>
                {label} <span class="muted">({roadmap[key].length})</span>
              </h2>
              {roadmap[key].length === 0 ? (
                <p class="muted">Nothing here yet.</p>
              ) : (
                <ul>
                  {roadmap[key].map((s) => (
                    <li key={s.id} class="card roadmap-item">
                      <Link href={`/s/${s.id}`}>{s.title}</Link>
                      <p class="meta">
                        <StatusBadge status={s.status} />
                        <span>{plural(s.voteCount, 'vote')}</span>
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      ) : null}
    </section>
  );
}
