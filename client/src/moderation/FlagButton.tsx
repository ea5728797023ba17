import { useState } from 'preact/hooks';
import { ApiFailure, api, describe } from '../lib/api.ts';

export type FlagTarget = 'suggestion' | 'reply';

/** The reasons the server takes (server/moderation/moderation.schemas.ts), in a fan's words. */
const REASONS = [
  ['spam', 'Spam or advertising'],
  ['abuse', 'Abusive or harassing'],
  ['off_topic', 'Off topic'],
  ['duplicate', 'A duplicate'],
  ['other', 'Something else'],
] as const;

/**
 * "Flag" on a post: a member tells the moderators why it should go. One open
 * flag per member and post; a second one is answered kindly, not as an error.
 */
export function FlagButton({ type, id }: { type: FlagTarget; id: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number][0]>('spam');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formId = `flag-${type}-${id}`;

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', '/flags', {
        body: { targetType: type, targetId: id, reason, ...(note.trim() ? { note } : {}) },
      });
      setDone('Thanks: a moderator will look at it.');
      setOpen(false);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 409) {
        setDone('You already flagged this; a moderator will look at it.');
        setOpen(false);
      } else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <span class="flag-done" role="status">
        {done}
      </span>
    );
  return (
    <>
      <button
        type="button"
        class="link-button"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen(!open)}
      >
        Flag
      </button>
      {open ? (
        <form
          id={formId}
          class="flag-form"
          aria-label={`Flag this ${type}`}
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <div class="field">
            <label for={`${formId}-reason`}>Why should a moderator look at it?</label>
            <select
              id={`${formId}-reason`}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value as typeof reason)}
            >
              {REASONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${formId}-note`}>Note for the moderators (optional)</label>
            <input
              id={`${formId}-note`}
              value={note}
              maxLength={500}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          {error ? (
            <p class="error-note" role="alert">
              {error}
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              Send flag
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
