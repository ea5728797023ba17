import { useEffect, useRef, useState } from 'preact/hooks';
import { hasRole, isAuthor, user } from '../auth/session.ts';
import { LIMITS, type ReplyView } from '../contracts.ts';
import { ApiFailure, api, describe } from '../lib/api.ts';
import { plural } from '../lib/format.ts';
import { lazy } from '../lib/lazy.tsx';
import { navigate, signInHref } from '../lib/router.tsx';
import { FlagButton } from '../moderation/FlagButton.tsx';
import type { SuggestionScreen, ThreadReply } from '../suggestions/suggestion-screen.ts';
import { Time } from '../ui/bits.tsx';
import { ErrorNote } from '../ui/Field.tsx';
import { MarkdownEditor } from '../ui/MarkdownEditor.tsx';
import { ReplyForm } from './ReplyForm.tsx';

const ReplyModeration = lazy(
  () => import('../moderation/PostModeration.tsx').then((m) => m.ReplyModeration),
  'the moderation tools',
);

interface ThreadProps {
  screen: SuggestionScreen;
  /** Locked or merged: replies are read-only. */
  closed: boolean;
}

/** The nested thread, built from the flat list by parentId. */
export function Thread({ screen, closed }: ThreadProps) {
  const top = screen.children.value.get('') ?? [];
  if (top.length === 0) return <p class="empty">No replies yet.</p>;
  return (
    <ol class="replies replies-top">
      {top.map((reply) => (
        <ReplyItem key={reply.id} reply={reply} screen={screen} closed={closed} />
      ))}
    </ol>
  );
}

function countBelow(screen: SuggestionScreen, id: string): number {
  const kids = screen.children.value.get(id) ?? [];
  return kids.reduce((n, kid) => n + 1 + countBelow(screen, kid.id), 0);
}

function ReplyItem({
  reply,
  screen,
  closed,
}: {
  reply: ThreadReply;
  screen: SuggestionScreen;
  closed: boolean;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const [mode, setMode] = useState<'read' | 'reply' | 'edit' | 'delete'>('read');
  const [moderating, setModerating] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const replyButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const kids = screen.children.value.get(reply.id) ?? [];
  const below = kids.length ? countBelow(screen, reply.id) : 0;
  const me = user.value;
  const mine = isAuthor(me, reply.author?.id);
  const moderator = hasRole(me, 'moderator');
  const canChange = !reply.deleted && (mine || moderator);
  const visible = !reply.deleted && !(reply.hidden && !reply.bodyHtml);
  const who = reply.author?.handle ?? (reply.hidden ? 'a hidden reply' : 'a deleted reply');
  const threadId = `replies-of-${reply.id}`;

  const remove = async () => {
    setError(undefined);
    try {
      const answer = await api<{ reply: ReplyView }>('DELETE', `/replies/${reply.id}`);
      screen.patchReply(reply.id, answer.reply);
      setMode('read');
    } catch (err) {
      setError(describe(err));
    }
  };

  return (
    <li class="reply-item" data-reply-id={reply.id}>
      <article
        id={`reply-${reply.id}`}
        class={`reply${reply.deleted ? ' is-deleted' : ''}${reply.hidden ? ' is-hidden' : ''}${reply.official ? ' is-official' : ''}`}
        tabIndex={-1}
        aria-label={`Reply by ${who}`}
      >
        <header class="meta">
          <strong class="author">
            {reply.author?.handle ?? (reply.hidden ? 'hidden' : 'deleted')}
          </strong>
          {reply.official ? <span class="badge badge-official">Official response</span> : null}
          <Time iso={reply.createdAt} />
          {reply.updatedAt !== reply.createdAt && !reply.deleted ? (
            <span class="muted">edited</span>
          ) : null}
          {reply.hidden && reply.bodyHtml ? (
            <span class="badge badge-locked">
              Hidden{reply.hiddenReason ? `: ${reply.hiddenReason}` : ''}
            </span>
          ) : null}
          {reply.pending ? <span class="badge">Awaiting approval</span> : null}
        </header>
        {mode === 'edit' ? (
          <EditReply
            reply={reply}
            onDone={(next) => {
              if (next) screen.patchReply(reply.id, next);
              setMode('read');
              requestAnimationFrame(() => editButton.current?.focus());
            }}
          />
        ) : reply.deleted ? (
          <p class="placeholder">This reply was deleted.</p>
        ) : reply.hidden && !reply.bodyHtml ? (
          <p class="placeholder">This reply was hidden by a moderator.</p>
        ) : (
          // bodyHtml is rendered and sanitized by the server.
          <div class="prose" dangerouslySetInnerHTML={{ __html: reply.bodyHtml }} />
        )}
        <div class="reply-actions">
          {!visible ? null : <ReplyVotes reply={reply} screen={screen} />}
          {!closed && !reply.deleted && me !== undefined ? (
            <button
              ref={replyButton}
              type="button"
              class="link-button"
              aria-expanded={mode === 'reply'}
              onClick={() => {
                if (!me) navigate(signInHref());
                else setMode(mode === 'reply' ? 'read' : 'reply');
              }}
            >
              Reply
            </button>
          ) : null}
          {canChange && mode !== 'edit' ? (
            <button
              ref={editButton}
              type="button"
              class="link-button"
              onClick={() => setMode('edit')}
            >
              Edit
            </button>
          ) : null}
          {canChange && mode !== 'delete' ? (
            <button type="button" class="link-button danger" onClick={() => setMode('delete')}>
              Delete
            </button>
          ) : null}
          {mode === 'delete' ? (
            <fieldset class="confirm">
              <legend>Delete this reply?</legend>
              <button type="button" class="danger" onClick={remove}>
                Yes, delete
              </button>
              <button type="button" onClick={() => setMode('read')}>
                Keep it
              </button>
            </fieldset>
          ) : null}
          {visible && me && !mine && !moderator ? <FlagButton type="reply" id={reply.id} /> : null}
          {moderator && !reply.deleted ? (
            <button
              type="button"
              class="link-button"
              aria-expanded={moderating}
              onClick={() => setModerating(!moderating)}
            >
              Moderate
            </button>
          ) : null}
          {kids.length ? (
            <button
              type="button"
              class="link-button collapse"
              aria-expanded={!collapsed}
              aria-controls={threadId}
              onClick={() => setCollapsed(!collapsed)}
            >
              {collapsed ? `Show ${plural(below, 'reply', 'replies')}` : 'Hide replies'}
            </button>
          ) : null}
        </div>
        <ErrorNote message={error} />
        {moderating ? <ReplyModeration screen={screen} reply={reply} /> : null}
        {mode === 'reply' ? (
          <ReplyForm
            screen={screen}
            parentId={reply.id}
            replyingTo={who}
            onClose={() => {
              setMode('read');
              requestAnimationFrame(() => replyButton.current?.focus());
            }}
          />
        ) : null}
      </article>
      {kids.length ? (
        <ol class="replies" id={threadId} hidden={collapsed}>
          {kids.map((kid) => (
            <ReplyItem key={kid.id} reply={kid} screen={screen} closed={closed} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** Up and down votes on a reply: optimistic, settled by the answer's absolute score. */
function ReplyVotes({ reply, screen }: { reply: ThreadReply; screen: SuggestionScreen }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const cast = async (value: 1 | -1) => {
    if (!user.value) {
      navigate(signInHref());
      return;
    }
    if (busy) return;
    const before = { score: reply.score, viewerVote: reply.viewerVote };
    const next = reply.viewerVote === value ? 0 : value;
    screen.patchReply(reply.id, {
      score: reply.score - reply.viewerVote + next,
      viewerVote: next,
    });
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<{ score: number; viewerVote: -1 | 0 | 1 }>(
        next === 0 ? 'DELETE' : 'PUT',
        `/replies/${reply.id}/vote`,
        next === 0 ? {} : { body: { value: next } },
      );
      screen.patchReply(reply.id, answer);
    } catch (err) {
      screen.patchReply(reply.id, before);
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="reply-votes">
      <button
        type="button"
        class="icon-button"
        aria-pressed={reply.viewerVote === 1}
        aria-label="Upvote reply"
        onClick={() => cast(1)}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
          <path d="M8 3l6 8H2z" fill="currentColor" />
        </svg>
      </button>
      <span class="score">
        {reply.score}
        <span class="sr-only">
          {reply.score === 1 || reply.score === -1 ? ' point' : ' points'}
        </span>
      </span>
      <button
        type="button"
        class="icon-button"
        aria-pressed={reply.viewerVote === -1}
        aria-label="Downvote reply"
        onClick={() => cast(-1)}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
          <path d="M8 13L2 5h12z" fill="currentColor" />
        </svg>
      </button>
      {error ? (
        <span class="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function EditReply({ reply, onDone }: { reply: ThreadReply; onDone: (next?: ReplyView) => void }) {
  const [body, setBody] = useState(reply.body);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `edit-reply-${reply.id}`;
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, []);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      const answer = await api<{ reply: ReplyView }>('PATCH', `/replies/${reply.id}`, {
        body: { body },
      });
      onDone(answer.reply);
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
      class="reply-form"
      aria-label="Edit reply"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <MarkdownEditor
        id={id}
        label="Edit your reply"
        value={body}
        rows={3}
        maxLength={LIMITS.bodyMax}
        error={fieldError}
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
