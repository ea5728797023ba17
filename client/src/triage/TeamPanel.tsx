import { useState } from 'preact/hooks';
import { type ReplyView, SUGGESTION_STATUSES, type SuggestionView } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe, type FieldErrors } from '../lib/api.ts';
import { STATUS_LABELS } from '../lib/format.ts';
import type { SuggestionScreen } from '../suggestions/suggestion-screen.ts';
import { ErrorNote } from '../ui/Field.tsx';
import { MarkdownEditor } from '../ui/MarkdownEditor.tsx';
import { MergeForm } from './MergeForm.tsx';
import { TagsForm } from './TagsForm.tsx';

/** 'merged' comes from a merge, not from the status menu. */
const SETTABLE = SUGGESTION_STATUSES.filter((s) => s !== 'merged');

/**
 * The product team's tools on a suggestion (loaded only for the team): move
 * its status (with a public note that followers are notified with), post an
 * official response, tag it, merge it into the suggestion it duplicates.
 */
export function TeamPanel({
  screen,
  suggestion,
}: {
  screen: SuggestionScreen;
  suggestion: SuggestionView;
}) {
  return (
    <details class="card team-panel">
      <summary>Team tools</summary>
      {suggestion.status === 'merged' ? null : (
        <>
          <StatusForm screen={screen} suggestion={suggestion} />
          <ResponseForm screen={screen} />
          <TagsForm suggestion={suggestion} onSaved={(next) => screen.applySuggestion(next)} />
        </>
      )}
      <MergeForm screen={screen} suggestion={suggestion} />
    </details>
  );
}

function StatusForm({
  screen,
  suggestion,
}: {
  screen: SuggestionScreen;
  suggestion: SuggestionView;
}) {
  const [status, setStatus] = useState(suggestion.status === 'merged' ? 'open' : suggestion.status);
  const [note, setNote] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setFields({});
    setError(undefined);
    try {
      const answer = await api<{ suggestion: SuggestionView }>(
        'PATCH',
        `/suggestions/${suggestion.id}/status`,
        { body: { status, ...(note.trim() ? { note } : {}) } },
      );
      screen.applySuggestion(answer.suggestion);
      setNote('');
      announce(`Status set to ${STATUS_LABELS[answer.suggestion.status]}`);
    } catch (err) {
      if (err instanceof ApiFailure && (err.fields.note || err.fields.status))
        setFields(err.fields);
      else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="team-form"
      aria-label="Set the status"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div class={`field${fields.status ? ' has-error' : ''}`}>
        <label for="team-status">Status</label>
        <select
          id="team-status"
          value={status}
          aria-invalid={fields.status ? true : undefined}
          onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
        >
          {SETTABLE.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        {fields.status ? <p class="field-error">{fields.status}</p> : null}
      </div>
      <MarkdownEditor
        id="team-status-note"
        label="Public note (optional, sent to followers)"
        value={note}
        rows={2}
        error={fields.note}
        onValue={setNote}
        onSubmit={save}
      />
      <ErrorNote message={error} />
      <button type="submit" class="primary" disabled={busy}>
        Update status
      </button>
    </form>
  );
}

function ResponseForm({ screen }: { screen: SuggestionScreen }) {
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setFieldError(undefined);
    setError(undefined);
    try {
      const { reply } = await api<{ reply: ReplyView }>(
        'POST',
        `/suggestions/${screen.id}/response`,
        { body: { body } },
      );
      screen.addReply(reply);
      setBody('');
      announce('Official response posted');
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.body) setFieldError(err.fields.body);
      else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="team-form"
      aria-label="Official response"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <MarkdownEditor
        id="team-response"
        label="Official response"
        value={body}
        rows={3}
        error={fieldError}
        onValue={setBody}
        onSubmit={send}
      />
      <ErrorNote message={error} />
      <button type="submit" class="primary" disabled={busy}>
        Post official response
      </button>
    </form>
  );
}
