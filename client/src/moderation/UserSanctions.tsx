import { useState } from 'preact/hooks';
import type { Author } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe } from '../lib/api.ts';

const DURATIONS = [
  ['1', '1 hour'],
  ['24', '1 day'],
  ['168', '1 week'],
  ['720', '30 days'],
] as const;

type Action = 'suspend' | 'ban' | 'unsuspend' | 'unban';

const DONE: Record<Action, (handle: string) => string> = {
  suspend: (h) => `${h} is suspended: they can read but not post.`,
  ban: (h) => `${h} is banned: signed out everywhere, and their writes are refused.`,
  unsuspend: (h) => `${h}’s suspension is lifted.`,
  unban: (h) => `${h} is no longer banned.`,
};

/**
 * Suspending or banning a post's author, with a reason for the audit log.
 * There is no endpoint that says whether someone is banned already, so every
 * action is offered and the server's answer (409 "already banned") is shown.
 */
export function UserSanctions({ author, idPrefix }: { author: Author; idPrefix: string }) {
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState<string>('24');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `${idPrefix}-sanction`;

  const act = async (action: Action) => {
    if ((action === 'suspend' || action === 'ban') && !reason.trim()) {
      setError('Give a reason: it goes to the audit log.');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const body: Record<string, string> = reason.trim() ? { reason } : {};
    if (action === 'suspend')
      body.until = new Date(Date.now() + Number(hours) * 3_600_000).toISOString();
    try {
      await api('POST', `/users/${author.id}/${action}`, { body });
      const message = DONE[action](author.handle);
      setDone(message);
      announce(message);
      setReason('');
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="sanctions">
      <legend>Author: {author.handle}</legend>
      <div class="field">
        <label for={`${id}-reason`}>Reason (kept in the audit log)</label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={500}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <label class="inline-label" for={`${id}-hours`}>
          Suspend for
        </label>
        <select id={`${id}-hours`} value={hours} onChange={(e) => setHours(e.currentTarget.value)}>
          {DURATIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy} onClick={() => act('suspend')}>
          Suspend {author.handle}
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => act('ban')}>
          Ban {author.handle}
        </button>
      </div>
      <div class="actions">
        <button type="button" class="link-button" disabled={busy} onClick={() => act('unsuspend')}>
          Lift suspension
        </button>
        <button type="button" class="link-button" disabled={busy} onClick={() => act('unban')}>
          Unban
        </button>
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      {done ? <p class="success">{done}</p> : null}
    </fieldset>
  );
}
