import { useState } from 'preact/hooks';
import type { HeldPost } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { api, describe } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { usePaged } from '../lib/usePaged.ts';
import { Time } from '../ui/bits.tsx';
import { PagedList, RefreshButton } from '../ui/PagedList.tsx';

/**
 * Posts held by launch-surge mode (accounts younger than the announcement
 * allows), oldest first. Approving releases one live to every reader.
 */
export function HeldPosts() {
  const held = usePaged<HeldPost>('/moderation/pending?limit=50');
  return (
    <section aria-labelledby="held-heading">
      <div class="list-head">
        <h2 id="held-heading">Held for approval</h2>
        <RefreshButton paged={held} />
      </div>
      <PagedList
        paged={held}
        what="held posts"
        empty="No posts are waiting for approval."
        listClass="queue"
      >
        {(item) => (
          <HeldCard
            key={`${item.kind}:${item.post.id}`}
            item={item}
            onDone={() =>
              held.drop((other) => other.kind !== item.kind || other.post.id !== item.post.id)
            }
          />
        )}
      </PagedList>
    </section>
  );
}

function HeldCard({ item, onDone }: { item: HeldPost; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const { kind, post } = item;
  const suggestionId = item.kind === 'suggestion' ? item.post.id : item.post.suggestionId;
  const id = `held-${kind}-${post.id}`;

  const decide = async (action: 'approve' | 'reject') => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/moderation/pending/${action}`, {
        body: { kind, id: post.id, ...(reason.trim() ? { reason } : {}) },
      });
      announce(action === 'approve' ? `Approved: the ${kind} is public` : `Rejected the ${kind}`);
      onDone();
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  return (
    <li class="card queue-item" data-held={`${kind}:${post.id}`}>
      <p class="meta">
        <span class="badge">{kind}</span>
        <span>by {post.author?.handle ?? 'a deleted account'}</span>
        <Time iso={post.createdAt} />
        <Link href={`/s/${suggestionId}`}>
          {kind === 'reply' ? 'Open its thread' : 'Open the suggestion'}
        </Link>
      </p>
      {item.kind === 'suggestion' ? <h3>{item.post.title}</h3> : null}
      {/* bodyHtml is rendered and sanitized by the server. */}
      <div class="prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => decide('approve')}>
          Approve
        </button>
        <label class="inline-label" for={`${id}-reason`}>
          Reason to reject (optional)
        </label>
        <input
          id={`${id}-reason`}
          class="inline-input"
          value={reason}
          maxLength={500}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <button type="button" class="danger" disabled={busy} onClick={() => decide('reject')}>
          Reject
        </button>
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
