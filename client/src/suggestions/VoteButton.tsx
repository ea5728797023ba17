import { useState } from 'preact/hooks';
import { user } from '../auth/session.ts';
import type { SuggestionView } from '../contracts.ts';
import { api, describe } from '../lib/api.ts';
import { navigate, signInHref } from '../lib/router.tsx';

type Votes = Pick<SuggestionView, 'voteCount' | 'viewerHasVoted'>;

interface Props {
  suggestion: Pick<SuggestionView, 'id' | 'title' | 'voteCount' | 'viewerHasVoted' | 'locked'>;
  /** Applies a new count and vote state to wherever the suggestion is kept. */
  onChange: (votes: Votes) => void;
  large?: boolean;
}

/**
 * Optimistic: the count moves at once, then the response confirms it (with the
 * absolute count) or the old state comes back with the reason beside the button.
 */
export function VoteButton({ suggestion, onChange, large }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const voted = suggestion.viewerHasVoted;

  const toggle = async () => {
    if (!user.value) {
      navigate(signInHref());
      return;
    }
    if (pending) return;
    const before: Votes = { voteCount: suggestion.voteCount, viewerHasVoted: voted };
    onChange({ voteCount: before.voteCount + (voted ? -1 : 1), viewerHasVoted: !voted });
    setPending(true);
    setError(undefined);
    try {
      onChange(await api<Votes>(voted ? 'DELETE' : 'PUT', `/suggestions/${suggestion.id}/vote`));
    } catch (err) {
      onChange(before);
      setError(describe(err));
    } finally {
      setPending(false);
    }
  };

  const errorId = `vote-error-${suggestion.id}`;
  return (
    <div class={`vote${large ? ' vote-large' : ''}`}>
      <button
        type="button"
        class="vote-button"
        aria-pressed={voted}
        aria-describedby={error ? errorId : undefined}
        disabled={suggestion.locked && !voted}
        onClick={toggle}
        title={voted ? 'Remove your vote' : 'Vote for this suggestion'}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
          <path d="M8 3l6 8H2z" fill="currentColor" />
        </svg>
        <span class="vote-count">{suggestion.voteCount}</span>
        <span class="sr-only">
          {suggestion.voteCount === 1 ? ' vote' : ' votes'}
          {`: vote for “${suggestion.title}”`}
        </span>
      </button>
      {error ? (
        <p id={errorId} class="field-error vote-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
