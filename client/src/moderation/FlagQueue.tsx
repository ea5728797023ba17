import { useState } from 'preact/hooks';
import type { QueueItem } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe } from '../lib/api.ts';
import { plural } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { usePaged } from '../lib/usePaged.ts';
import { Time } from '../ui/bits.tsx';
import { PagedList, RefreshButton } from '../ui/PagedList.tsx';
import { REASON_LABELS } from './labels.ts';
import { UserSanctions } from './UserSanctions.tsx';

const key = (item: QueueItem) => `${item.targetType}:${item.targetId}`;

/** Open flags, one card per flagged post or user, the most recently flagged first. */
export function FlagQueue() {
  const queue = usePaged<QueueItem>('/moderation/queue?limit=20');
  return (
    <section aria-labelledby="flags-heading">
      <div class="list-head">
        <h2 id="flags-heading">Flagged by members</h2>
        <RefreshButton paged={queue} />
      </div>
      <PagedList
        paged={queue}
        what="the flag queue"
        empty="Nothing is flagged. All quiet."
        listClass="queue"
        moreLabel="Show more flags"
      >
        {(item) => (
          <QueueCard
            key={key(item)}
            item={item}
            onDone={() => queue.drop((other) => key(other) !== key(item))}
          />
        )}
      </PagedList>
    </section>
  );
}

function QueueCard({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const { target, targetType: type } = item;
  const reasons = Object.entries(item.reasons).sort((a, b) => b[1] - a[1]);
  const top = REASON_LABELS[reasons[0]?.[0] ?? ''] ?? '';
  const [reason, setReason] = useState(top.charAt(0).toUpperCase() + top.slice(1));
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const post = type !== 'user';
  const href = target?.suggestionId ? `/s/${target.suggestionId}` : null;
  const id = `q-${type}-${item.targetId}`;

  const close = async (outcome: 'resolved' | 'dismissed', hide = false) => {
    setBusy(true);
    setError(undefined);
    try {
      if (hide) {
        const base = type === 'suggestion' ? '/suggestions' : '/replies';
        await api('POST', `${base}/${item.targetId}/hide`, { body: { reason } }).catch(
          (err: unknown) => {
            // Hidden already (by another moderator): closing the flags is all that is left.
            if (!(err instanceof ApiFailure && err.code === 'already_hidden')) throw err;
          },
        );
      }
      await api('POST', '/moderation/queue/resolve', {
        body: { targetType: type, targetId: item.targetId, outcome },
      });
      announce(
        hide ? `Hidden; flags resolved` : outcome === 'resolved' ? 'Flags resolved' : 'Dismissed',
      );
      onDone();
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  return (
    <li class="card queue-item" data-target={`${type}:${item.targetId}`}>
      <p class="meta">
        <span class="badge">{type}</span>
        <strong>{plural(item.flagCount, 'flag')}</strong>
        <span>{reasons.map(([r, n]) => `${REASON_LABELS[r] ?? r} × ${n}`).join(', ')}</span>
        <span>
          last flagged <Time iso={item.lastFlaggedAt} />
        </span>
        {target?.hidden ? (
          <span class="badge badge-locked">{type === 'user' ? 'Banned' : 'Hidden'}</span>
        ) : null}
      </p>
      {target ? (
        <>
          {target.title && type === 'suggestion' && href ? (
            <h3>
              <Link href={href}>{target.title}</Link>
            </h3>
          ) : null}
          {target.excerpt ? <p class="queue-excerpt">{target.excerpt}</p> : null}
          <p class="meta">
            {target.author ? <span>by {target.author.handle}</span> : null}
            {type === 'reply' && href ? <Link href={href}>Open its thread</Link> : null}
          </p>
        </>
      ) : (
        <p class="muted">This {type} no longer exists.</p>
      )}
      {item.notes.length ? (
        <ul class="flag-notes" aria-label="Notes from members">
          {item.notes.map((note) => (
            <li key={note}>“{note}”</li>
          ))}
        </ul>
      ) : null}
      <div class="actions">
        {post && target && !target.hidden ? (
          <>
            <label class="inline-label" for={`${id}-reason`}>
              Reason
            </label>
            <input
              id={`${id}-reason`}
              class="inline-input"
              value={reason}
              maxLength={500}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <button
              type="button"
              class="danger"
              disabled={busy || !reason.trim()}
              onClick={() => close('resolved', true)}
            >
              Hide and resolve
            </button>
          </>
        ) : null}
        <button type="button" disabled={busy} onClick={() => close('resolved')}>
          Resolve
        </button>
        <button type="button" disabled={busy} onClick={() => close('dismissed')}>
          Dismiss
        </button>
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      {target?.author ? (
        <details class="queue-sanctions">
          <summary>Suspend or ban {target.author.handle}</summary>
          <UserSanctions author={target.author} idPrefix={id} />
        </details>
      ) : null}
    </li>
  );
}
