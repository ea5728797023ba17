import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS, type ReplyView } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe } from '../lib/api.ts';
import type { SuggestionScreen } from '../suggestions/suggestion-screen.ts';
import { ErrorNote } from '../ui/Field.tsx';
import { MarkdownEditor } from '../ui/MarkdownEditor.tsx';

const HELD =
  'Your reply waits for a moderator’s approval (new accounts during the launch); others will see it once approved.';

interface Props {
  screen: SuggestionScreen;
  /** null for a top-level reply. */
  parentId: string | null;
  /** Replying to someone: the form closes when done or cancelled. */
  onClose?: () => void;
  replyingTo?: string;
}

/** A reply at any depth. The new reply appears at once and takes the focus. */
export function ReplyForm({ screen, parentId, onClose, replyingTo }: Props) {
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** The last reply went to the approval queue (launch surge, a new account). */
  const [held, setHeld] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = `reply-body-${parentId ?? 'top'}`;
  // Opened to answer someone: the cursor goes straight into the box.
  useEffect(() => {
    if (onClose) document.getElementById(id)?.focus();
  }, []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    setHeld(false);
    try {
      const { reply } = await api<{ reply: ReplyView }>(
        'POST',
        `/suggestions/${screen.id}/replies`,
        { body: { body, ...(parentId ? { parentId } : {}) } },
      );
      screen.addReply(reply);
      setBody('');
      setHeld(reply.pending);
      announce(reply.pending ? HELD : 'Your reply was posted');
      onClose?.();
      requestAnimationFrame(() => document.getElementById(`reply-${reply.id}`)?.focus());
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.body) {
        setFieldError(err.fields.body);
        requestAnimationFrame(() => document.getElementById(id)?.focus());
      } else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      class="reply-form"
      aria-label={replyingTo ? `Reply to ${replyingTo}` : 'Reply to this suggestion'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <MarkdownEditor
        id={id}
        label={replyingTo ? `Your reply to ${replyingTo}` : 'Your reply'}
        value={body}
        rows={parentId ? 3 : 4}
        maxLength={LIMITS.bodyMax}
        error={fieldError}
        onValue={setBody}
        onSubmit={submit}
      />
      <ErrorNote message={error} />
      {held ? (
        <p class="notice held-note" role="status">
          {HELD}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Posting…' : 'Post reply'}
        </button>
        {onClose ? (
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
