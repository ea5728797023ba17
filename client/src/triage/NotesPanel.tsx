import { useEffect, useState } from 'preact/hooks';
import { type InternalNote, TRIAGE_LIMITS } from '../contracts.ts';
import { ApiFailure, api, describe, get } from '../lib/api.ts';
import { Time } from '../ui/bits.tsx';
import { MarkdownEditor } from '../ui/MarkdownEditor.tsx';

/**
 * Internal notes on a suggestion: for the team and moderators only. The server
 * never puts them in a public payload or socket event, so they are fetched here.
 */
export function NotesPanel({ suggestionId }: { suggestionId: string }) {
  const [notes, setNotes] = useState<InternalNote[] | null>(null);
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<{ items: InternalNote[] }>(`/suggestions/${suggestionId}/notes`).then(
      (answer) => setNotes(answer.items),
      (err: unknown) => setError(describe(err)),
    );
  }, [suggestionId]);

  const add = async () => {
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      const { note } = await api<{ note: InternalNote }>(
        'POST',
        `/suggestions/${suggestionId}/notes`,
        { body: { body } },
      );
      setNotes([...(notes ?? []), note]);
      setBody('');
    } catch (err) {
      if (err instanceof ApiFailure && err.fields.body) setFieldError(err.fields.body);
      else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card internal-notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Internal notes</h2>
      <p class="hint">Only the team and moderators see these.</p>
      {notes === null ? (
        error ? null : (
          <p class="loading">Loading notes…</p>
        )
      ) : notes.length === 0 ? (
        <p class="muted">No notes yet.</p>
      ) : (
        <ol class="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p class="meta">
                {n.author.handle}, <Time iso={n.createdAt} />
              </p>
              {/* bodyHtml is rendered and sanitized by the server. */}
              <div class="prose" dangerouslySetInnerHTML={{ __html: n.bodyHtml }} />
            </li>
          ))}
        </ol>
      )}
      <form
        aria-label="Add an internal note"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <MarkdownEditor
          id={`note-${suggestionId}`}
          label="Add a note"
          value={body}
          rows={2}
          maxLength={TRIAGE_LIMITS.noteMax}
          error={fieldError}
          onValue={setBody}
          onSubmit={add}
        />
        {error ? (
          <p class="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Add note
        </button>
      </form>
    </section>
  );
}
