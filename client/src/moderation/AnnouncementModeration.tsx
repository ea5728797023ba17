import { useState } from 'preact/hooks';
import type { AnnouncementScreen } from '../announcements/announcement-screen.ts';
import type { Announcement } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe, type FieldErrors } from '../lib/api.ts';
import { plural } from '../lib/format.ts';

type Surge = Announcement['surge'];

const describeSurge = (s: Surge) =>
  [
    s.slowModeSeconds
      ? `slow mode: ${plural(s.slowModeSeconds, 'second')} between a member’s posts`
      : 'slow mode off',
    s.minAccountAgeHours
      ? `posts from accounts younger than ${plural(s.minAccountAgeHours, 'hour')} wait for approval`
      : 'no approval queue',
  ].join('; ');

/**
 * Keeping a launch thread healthy (moderators and the team): pin and lock the
 * announcement, and launch-surge mode — slow mode and held posts from new accounts.
 */
export function AnnouncementModeration({ screen }: { screen: AnnouncementScreen }) {
  const a = screen.announcement.value;
  const [error, setError] = useState<string | undefined>();
  if (!a) return null;

  const patch = async (change: { pinned?: boolean; locked?: boolean }) => {
    setError(undefined);
    try {
      const answer = await api<{ announcement: Announcement }>('PATCH', `/announcements/${a.id}`, {
        body: change,
      });
      screen.announcement.value = answer.announcement;
      announce(
        change.pinned !== undefined
          ? answer.announcement.pinned
            ? 'Pinned'
            : 'Unpinned'
          : answer.announcement.locked
            ? 'Locked: no new suggestions'
            : 'Unlocked',
      );
    } catch (err) {
      setError(describe(err));
    }
  };

  return (
    <details class="card team-panel moderation-panel">
      <summary>Moderation: launch surge, pin and lock</summary>
      <div class="team-form actions">
        <button type="button" onClick={() => patch({ pinned: !a.pinned })}>
          {a.pinned ? 'Unpin announcement' : 'Pin announcement'}
        </button>
        <button type="button" onClick={() => patch({ locked: !a.locked })}>
          {a.locked ? 'Unlock announcement' : 'Lock announcement'}
        </button>
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      <SurgeForm id={a.id} current={a.surge} />
    </details>
  );
}

function SurgeForm({ id, current }: { id: string; current: Surge }) {
  const [slow, setSlow] = useState(String(current.slowModeSeconds));
  const [age, setAge] = useState(String(current.minAccountAgeHours));
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const [state, setState] = useState<string | undefined>(`Now: ${describeSurge(current)}.`);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const body: Partial<Surge> = {};
    if (slow.trim() !== '') body.slowModeSeconds = Number(slow);
    if (age.trim() !== '') body.minAccountAgeHours = Number(age);
    setFields({});
    setError(undefined);
    if (Object.keys(body).length === 0) {
      setError('Set slow mode, the account age, or both (0 turns either off).');
      return;
    }
    setBusy(true);
    try {
      const { surge } = await api<{ surge: Surge }>('PATCH', `/announcements/${id}/surge`, {
        body,
      });
      const text = `Launch surge: ${describeSurge(surge)}.`;
      setState(text);
      announce(text);
    } catch (err) {
      if (err instanceof ApiFailure && Object.keys(err.fields).length) setFields(err.fields);
      else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const number = (
    field: keyof Surge,
    label: string,
    hint: string,
    value: string,
    set: (v: string) => void,
    max: number,
  ) => (
    <div class={`field${fields[field] ? ' has-error' : ''}`}>
      <label for={`surge-${field}`}>{label}</label>
      <input
        id={`surge-${field}`}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        value={value}
        placeholder="unchanged"
        aria-invalid={fields[field] ? true : undefined}
        aria-describedby={`surge-${field}-hint`}
        onInput={(e) => set(e.currentTarget.value)}
      />
      <p id={`surge-${field}-hint`} class={fields[field] ? 'field-error' : 'hint'}>
        {fields[field] ?? hint}
      </p>
    </div>
  );

  return (
    <form
      class="team-form surge-form"
      aria-label="Launch-surge mode"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>Launch-surge mode</h3>
      <div class="surge-fields">
        {number(
          'slowModeSeconds',
          'Slow mode (seconds)',
          'Seconds a member waits between posts here; 0 turns it off.',
          slow,
          setSlow,
          86_400,
        )}
        {number(
          'minAccountAgeHours',
          'Hold posts from new accounts (hours)',
          'Posts from accounts younger than this wait for approval; 0 turns it off.',
          age,
          setAge,
          8_760,
        )}
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      {state ? (
        <p class="success" role="status">
          {state}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        Apply
      </button>
    </form>
  );
}
