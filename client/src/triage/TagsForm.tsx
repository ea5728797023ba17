import { useEffect, useState } from 'preact/hooks';
import { type SuggestionView, type Tag, TRIAGE_LIMITS } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe, get } from '../lib/api.ts';

/** The suggestion's tags, from the team's list; a missing tag can be made here. */
export function TagsForm({
  suggestion: s,
  onSaved,
}: {
  suggestion: SuggestionView;
  onSaved: (next: SuggestionView) => void;
}) {
  const [all, setAll] = useState<Tag[] | null>(null);
  const [chosen, setChosen] = useState<string[]>(() => s.tags.map((t) => t.id));
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const field = `new-tag-${s.id}`;

  useEffect(() => {
    get<{ items: Tag[] }>('/tags').then(
      (answer) => setAll(answer.items),
      (err: unknown) => setError(describe(err)),
    );
  }, []);

  const toggle = (id: string, on: boolean) =>
    setChosen(on ? [...chosen, id] : chosen.filter((t) => t !== id));

  const create = async () => {
    setNameError(undefined);
    try {
      const { tag } = await api<{ tag: Tag }>('POST', '/tags', { body: { name } });
      setAll([...(all ?? []), tag]);
      setChosen([...chosen, tag.id]);
      setName('');
    } catch (err) {
      setNameError(err instanceof ApiFailure ? (err.fields.name ?? err.message) : describe(err));
    }
  };

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<{ suggestion: SuggestionView }>('PUT', `/suggestions/${s.id}/tags`, {
        body: { tagIds: chosen },
      });
      onSaved(answer.suggestion);
      announce('Tags saved');
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="team-form"
      aria-label="Tags"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset class="tag-choices">
        <legend>Tags</legend>
        {all === null ? (
          error ? null : (
            <p class="loading">Loading tags…</p>
          )
        ) : all.length === 0 ? (
          <p class="muted">No tags yet: make the first one below.</p>
        ) : (
          all.map((tag) => (
            <label key={tag.id} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(tag.id)}
                onChange={(e) => toggle(tag.id, e.currentTarget.checked)}
              />
              #{tag.name}
            </label>
          ))
        )}
      </fieldset>
      <div class={`field inline-field${nameError ? ' has-error' : ''}`}>
        <label for={field}>New tag</label>
        <input
          id={field}
          value={name}
          maxLength={TRIAGE_LIMITS.tagNameMax}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${field}-error` : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void create();
            }
          }}
        />
        <button type="button" onClick={create}>
          Add tag
        </button>
        {nameError ? (
          <p id={`${field}-error`} class="field-error">
            {nameError}
          </p>
        ) : null}
      </div>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy || all === null}>
        Save tags
      </button>
    </form>
  );
}
