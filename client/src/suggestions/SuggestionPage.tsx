import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { authEpoch, hasRole, isAuthor, user } from '../auth/session.ts';
import { LIMITS, type Revision, type SuggestionView } from '../contracts.ts';
import { ApiFailure, api, describe, type FieldErrors, get, unshownFields } from '../lib/api.ts';
import { plural, STATUS_LABELS } from '../lib/format.ts';
import { lazy } from '../lib/lazy.tsx';
import { usePage } from '../lib/page.ts';
import { Link, signInHref } from '../lib/router.tsx';
import { LiveBadge } from '../live/LiveBadge.tsx';
import { useLive } from '../live/useLive.ts';
import { FlagButton } from '../moderation/FlagButton.tsx';
import { ReplyForm } from '../replies/ReplyForm.tsx';
import { Thread } from '../replies/Thread.tsx';
import { Loading, StatusBadge, Tags, Time } from '../ui/bits.tsx';
import { ErrorNote, Field, focusFirstInvalid } from '../ui/Field.tsx';
import { MarkdownEditor } from '../ui/MarkdownEditor.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { createSuggestionScreen, type SuggestionScreen } from './suggestion-screen.ts';
import { VoteButton } from './VoteButton.tsx';

// Staff tools are their own chunks: fans never download them.
const TeamPanel = lazy(
  () => import('../triage/TeamPanel.tsx').then((m) => m.TeamPanel),
  'the team tools',
);
const NotesPanel = lazy(
  () => import('../triage/NotesPanel.tsx').then((m) => m.NotesPanel),
  'the internal notes',
);
const SuggestionModeration = lazy(
  () => import('../moderation/PostModeration.tsx').then((m) => m.SuggestionModeration),
  'the moderation tools',
);

export function SuggestionPage({ id }: { id: string }) {
  const epoch = authEpoch.value;
  const screen = useMemo(() => createSuggestionScreen(id, () => user.peek()), [id, epoch]);
  useLive(screen);
  const s = screen.suggestion.value;
  usePage(s?.title);
  const [editing, setEditing] = useState(false);

  const failure = screen.failure.value;
  if (failure) {
    return failure.status === 404 ? (
      <NotFound what="suggestion" />
    ) : (
      <ErrorNote message={failure.message} />
    );
  }
  if (!s) return <Loading what="the suggestion" />;

  const me = user.value;
  const canEdit = isAuthor(me, s.author.id) || hasRole(me, 'team', 'moderator');
  const closed = s.locked || s.status === 'merged' || s.deleted;

  return (
    <article class="suggestion-page">
      <header class="page-head">
        <p class="crumbs">
          <Link href="/">Announcements</Link>
          <span aria-hidden="true"> › </span>
          <Link href={`/a/${s.announcementId}`}>
            {screen.announcementTitle.value ?? 'Announcement'}
          </Link>
        </p>
        <div class="suggestion-head">
          <VoteButton suggestion={s} onChange={(v) => screen.setVotes(v)} large />
          <div>
            <h1>{s.title}</h1>
            <p class="meta">
              <StatusBadge status={s.status} />
              {s.locked ? <span class="badge badge-locked">Locked</span> : null}
              <span>
                by {s.author.handle}, <Time iso={s.createdAt} />
              </span>
              {s.updatedAt !== s.createdAt ? (
                <span class="muted">
                  updated <Time iso={s.updatedAt} />
                </span>
              ) : null}
            </p>
            <Tags tags={s.tags} announcementId={s.announcementId} />
          </div>
        </div>
        <LiveBadge room={`suggestion:${id}`} />
      </header>

      {editing ? (
        <EditSuggestion
          suggestion={s}
          onDone={(next) => {
            if (next) screen.setSuggestion(next);
            setEditing(false);
          }}
        />
      ) : (
        <div class="card">
          {s.hidden || s.pending ? (
            <p class="moderation-note">
              {s.hidden ? 'Hidden by a moderator' : 'Awaiting a moderator’s approval'}
              {s.hiddenReason ? `: ${s.hiddenReason}` : ''}
              {s.bodyHtml ? ' (shown to you as its author or a moderator)' : '.'}
            </p>
          ) : null}
          {s.deleted ? (
            <p class="placeholder">This suggestion was deleted.</p>
          ) : (
            // bodyHtml is rendered and sanitized by the server.
            <div class="prose" dangerouslySetInnerHTML={{ __html: s.bodyHtml }} />
          )}
          <div class="post-actions">
            {canEdit && !s.deleted ? (
              <button type="button" class="link-button" onClick={() => setEditing(true)}>
                Edit suggestion
              </button>
            ) : null}
            {me && !s.deleted && !isAuthor(me, s.author.id) && !hasRole(me, 'moderator') ? (
              <FlagButton type="suggestion" id={s.id} />
            ) : null}
          </div>
        </div>
      )}

      {s.mergedIntoId ? (
        <p class="notice">
          Merged into <Link href={`/s/${s.mergedIntoId}`}>the suggestion it duplicates</Link>: its
          votes and replies are there now.
        </p>
      ) : null}
      {s.shippedInId ? (
        <p class="notice notice-shipped">
          Shipped in <Link href={`/a/${s.shippedInId}`}>this update</Link>. Thank you!
        </p>
      ) : null}
      {hasRole(me, 'team') ? <TeamPanel screen={screen} suggestion={s} /> : null}
      {hasRole(me, 'moderator') ? <SuggestionModeration screen={screen} suggestion={s} /> : null}
      {hasRole(me, 'team', 'moderator') ? <NotesPanel suggestionId={s.id} /> : null}
      <StatusHistory screen={screen} />
      {s.updatedAt !== s.createdAt ? <History screen={screen} /> : null}

      <section class="thread" aria-labelledby="replies-heading">
        <h2 id="replies-heading">{plural(s.replyCount, 'reply', 'replies')}</h2>
        {closed ? (
          <p class="notice">
            {s.status === 'merged'
              ? 'This suggestion was merged into another: reply there.'
              : 'This suggestion is locked: no new replies.'}
          </p>
        ) : me ? (
          <ReplyForm screen={screen} parentId={null} />
        ) : me === null ? (
          <p class="notice">
            <Link href={signInHref()}>Sign in</Link> to reply or vote.
          </p>
        ) : null}
        <Thread screen={screen} closed={closed} />
      </section>
    </article>
  );
}

/** Each status change: to what, from what, by whom, with the team's public note. */
function StatusHistory({ screen }: { screen: SuggestionScreen }) {
  const items = screen.statusHistory.value;
  if (items.length === 0) return null;
  return (
    <section class="status-history" aria-labelledby="status-history-heading">
      <h2 id="status-history-heading">Status history</h2>
      <ol>
        {[...items].reverse().map((change) => (
          <li key={change.id}>
            <p class="meta">
              <StatusBadge status={change.to} />
              <span>
                from {STATUS_LABELS[change.from].toLowerCase()}, by {change.actor.handle},{' '}
                <Time iso={change.createdAt} />
              </span>
            </p>
            {change.note ? <p class="status-note">{change.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Earlier versions of the text (kept by the server on every edit), fetched when opened. */
function History({ screen }: { screen: SuggestionScreen }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const edits = screen.edits.value;
  useEffect(() => {
    if (!open) return;
    let alive = true;
    get<{ items: Revision[] }>(`/suggestions/${screen.id}/revisions`).then(
      (answer) => {
        if (!alive) return;
        setItems(answer.items);
        setError(undefined);
      },
      (err: unknown) => alive && setError(describe(err)),
    );
    return () => {
      alive = false;
    };
  }, [open, edits, screen]);
  return (
    <details
      class="history"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>Edit history</summary>
      <ErrorNote message={error} />
      {items === null ? (
        open && !error ? (
          <Loading what="history" />
        ) : null
      ) : items.length === 0 ? (
        <p class="muted">Not edited.</p>
      ) : (
        <ol class="revisions">
          {items.map((r) => (
            <li key={r.id}>
              <p class="meta">
                Before the edit by {r.editor.handle}, <Time iso={r.createdAt} />
              </p>
              <p class="revision-title">{r.title}</p>
              <pre class="revision-body">{r.body}</pre>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function EditSuggestion({
  suggestion,
  onDone,
}: {
  suggestion: SuggestionView;
  onDone: (next?: SuggestionView) => void;
}) {
  const [title, setTitle] = useState(suggestion.title);
  const [body, setBody] = useState(suggestion.body);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      const answer = await api<{ suggestion: SuggestionView }>(
        'PATCH',
        `/suggestions/${suggestion.id}`,
        { body: { title, body } },
      );
      onDone(answer.suggestion);
    } catch (err) {
      if (err instanceof ApiFailure) {
        setFields(err.fields);
        setError(
          Object.keys(err.fields).length ? unshownFields(err, ['title', 'body']) : err.message,
        );
        focusFirstInvalid(form.current);
      } else setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      ref={form}
      class="card edit-suggestion"
      aria-label="Edit suggestion"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field
        id="edit-title"
        label="Title"
        value={title}
        maxLength={LIMITS.titleMax}
        error={fields.title}
        onInput={(e) => setTitle(e.currentTarget.value)}
      />
      <MarkdownEditor
        id="edit-body"
        label="Details"
        value={body}
        rows={6}
        maxLength={LIMITS.bodyMax}
        error={fields.body}
        onValue={setBody}
        onSubmit={save}
      />
      <ErrorNote message={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
