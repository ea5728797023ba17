import { useRef, useState } from 'preact/hooks';
import { LIMITS, type SuggestionView } from '../contracts.ts';
import { ApiFailure, api, describe, type FieldErrors, unshownFields } from '../lib/api.ts';
import { plural } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { StatusBadge } from '../ui/bits.tsx';
import { ErrorNote, Field, focusFirstInvalid } from '../ui/Field.tsx';
import { MarkdownEditor } from '../ui/MarkdownEditor.tsx';
import { useSimilar } from './similar.ts';

interface Props {
  announcementId: string;
  onPosted: (suggestion: SuggestionView) => void;
}

const draftKey = (announcementId: string) => `draft:suggestion:${announcementId}`;

function readDraft(announcementId: string): { title: string; body: string } {
  try {
    const saved = JSON.parse(sessionStorage.getItem(draftKey(announcementId)) ?? 'null') as unknown;
    if (saved && typeof saved === 'object' && 'title' in saved && 'body' in saved) {
      return { title: String(saved.title), body: String(saved.body) };
    }
  } catch {
    // A broken draft is dropped.
  }
  return { title: '', body: '' };
}

/**
 * Posting a suggestion: title, Markdown body with preview, and similar
 * existing suggestions while the title is typed. The draft survives a visit
 * to one of those suggestions (kept for this tab only).
 */
export function Composer({ announcementId, onPosted }: Props) {
  const [draft, setDraft] = useState(() => readDraft(announcementId));
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [posted, setPosted] = useState<SuggestionView | null>(null);
  const similar = useSimilar(draft.title, announcementId);
  const form = useRef<HTMLFormElement>(null);
  // Only the title shows until the fan starts: the list stays in view.
  const [started, setStarted] = useState(() => draft.title !== '' || draft.body !== '');

  const update = (next: { title: string; body: string }) => {
    setDraft(next);
    setPosted(null);
    sessionStorage.setItem(draftKey(announcementId), JSON.stringify(next));
  };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      const { suggestion } = await api<{ suggestion: SuggestionView }>(
        'POST',
        `/announcements/${announcementId}/suggestions`,
        { body: draft },
      );
      sessionStorage.removeItem(draftKey(announcementId));
      setDraft({ title: '', body: '' });
      setPosted(suggestion);
      onPosted(suggestion);
    } catch (err) {
      if (err instanceof ApiFailure) {
        setFields(err.fields);
        focusFirstInvalid(form.current);
        setError(
          Object.keys(err.fields).length ? unshownFields(err, ['title', 'body']) : err.message,
        );
      } else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      class="composer card"
      aria-labelledby="composer-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="composer-heading">Make a suggestion</h2>
      <Field
        id="suggestion-title"
        label="Title"
        value={draft.title}
        maxLength={LIMITS.titleMax}
        autoComplete="off"
        error={fields.title}
        placeholder="One idea, in a line"
        onFocus={() => setStarted(true)}
        onInput={(e) => update({ ...draft, title: e.currentTarget.value })}
      />
      {similar.length > 0 ? (
        <section class="similar" aria-labelledby="similar-heading">
          <h3 id="similar-heading">Similar suggestions — vote for one instead?</h3>
          <ul>
            {similar.map((s) => (
              <li key={s.id}>
                <Link href={`/s/${s.id}`}>{s.title}</Link>
                {s.status ? <StatusBadge status={s.status} /> : null}
                {typeof s.voteCount === 'number' ? (
                  <span class="muted"> {plural(s.voteCount, 'vote')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {started ? (
        <MarkdownEditor
          id="suggestion-body"
          label="Details"
          value={draft.body}
          maxLength={LIMITS.bodyMax}
          rows={5}
          error={fields.body}
          onValue={(body) => update({ ...draft, body })}
          onSubmit={submit}
        />
      ) : null}
      <ErrorNote message={error} />
      <div class="actions">
        {started ? (
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Posting…' : 'Post suggestion'}
          </button>
        ) : null}
        {posted?.pending ? (
          <p class="notice held-note" role="status">
            Sent for approval: <Link href={`/s/${posted.id}`}>{posted.title}</Link>. During the
            launch, posts from new accounts wait for a moderator; others will see it once approved.
          </p>
        ) : posted ? (
          <p class="success" role="status">
            Posted: <Link href={`/s/${posted.id}`}>{posted.title}</Link>
          </p>
        ) : null}
      </div>
    </form>
  );
}
