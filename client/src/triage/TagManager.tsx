import { useEffect, useState } from 'preact/hooks';
import { type Tag, TRIAGE_LIMITS } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, api, describe, get } from '../lib/api.ts';

/** The team's tags: made here or on a suggestion; deleting one takes it off every suggestion. */
export function TagManager() {
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    get<{ items: Tag[] }>('/tags').then(
      (answer) => setTags(answer.items),
      (err: unknown) => setError(describe(err)),
    );
  }, []);

  const create = async () => {
    setNameError(undefined);
    try {
      const { tag } = await api<{ tag: Tag }>('POST', '/tags', { body: { name } });
      setTags([...(tags ?? []), tag]);
      setName('');
      announce(`Tag #${tag.name} made`);
    } catch (err) {
      setNameError(err instanceof ApiFailure ? (err.fields.name ?? err.message) : describe(err));
    }
  };

  const remove = async (tag: Tag) => {
    setError(undefined);
    try {
      await api('DELETE', `/tags/${tag.id}`);
      setTags((tags ?? []).filter((t) => t.id !== tag.id));
      setConfirming(null);
      announce(`Tag #${tag.name} deleted`);
    } catch (err) {
      setError(describe(err));
    }
  };

  return (
    <section class="card tag-manager" aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      {tags === null ? null : tags.length === 0 ? (
        <p class="muted">No tags yet.</p>
      ) : (
        <ul class="tag-list">
          {tags.map((tag) => (
            <li key={tag.id}>
              <span class="tag-name">#{tag.name}</span>{' '}
              {confirming === tag.id ? (
                <>
                  <button type="button" class="danger" onClick={() => remove(tag)}>
                    Delete #{tag.name} everywhere
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Keep it
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  class="link-button danger"
                  aria-label={`Delete tag ${tag.name}`}
                  onClick={() => setConfirming(tag.id)}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
      <form
        class={`inline-field${nameError ? ' has-error' : ''}`}
        aria-label="New tag"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label for="tag-name">New tag</label>
        <input
          id="tag-name"
          value={name}
          maxLength={TRIAGE_LIMITS.tagNameMax}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? 'tag-name-error' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">Add tag</button>
        {nameError ? (
          <p id="tag-name-error" class="field-error">
            {nameError}
          </p>
        ) : null}
      </form>
    </section>
  );
}
