import { useState } from 'preact/hooks';
import type { ReplyView, SuggestionView } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { api, describe } from '../lib/api.ts';

type Answer = { suggestion: SuggestionView } | { reply: ReplyView };

interface Props {
  kind: 'suggestion' | 'reply';
  id: string;
  hidden: boolean;
  idPrefix: string;
  /** The post as the server answers it (the moderator's view, marked hidden). */
  onChange: (answer: Answer) => void;
}

/** Hide a post with a reason (fans lose it live), or show it again. */
export function HideForm({ kind, id, hidden, idPrefix, onChange }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const base = kind === 'suggestion' ? '/suggestions' : '/replies';
  const field = `${idPrefix}-hide-reason`;

  const send = async () => {
    if (!hidden && !reason.trim()) {
      setError('Give a reason: the author sees it, and it goes to the audit log.');
      document.getElementById(field)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<Answer>('POST', `${base}/${id}/${hidden ? 'unhide' : 'hide'}`, {
        body: reason.trim() ? { reason } : {},
      });
      onChange(answer);
      setReason('');
      announce(hidden ? `The ${kind} is visible again` : `The ${kind} is hidden from fans`);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="hide-form"
      aria-label={hidden ? `Unhide this ${kind}` : `Hide this ${kind}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {hidden ? null : (
        <div class="field">
          <label for={field}>Reason for hiding</label>
          <input
            id={field}
            value={reason}
            maxLength={500}
            placeholder="Spam, abuse, …"
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
      )}
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class={hidden ? undefined : 'danger'} disabled={busy}>
        {hidden ? `Unhide ${kind}` : `Hide ${kind}`}
      </button>
    </form>
  );
}
