/**
 * A moderator's tools on a post (loaded only for moderators): hide or unhide
 * with a reason, lock a suggestion, and sanctions for its author. Mirrors
 * server/moderation/posts.routes.ts.
 */
import { useState } from 'preact/hooks';
import type { SuggestionView } from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { api, describe } from '../lib/api.ts';
import type { SuggestionScreen, ThreadReply } from '../suggestions/suggestion-screen.ts';
import { HideForm } from './HideForm.tsx';
import { UserSanctions } from './UserSanctions.tsx';

export function SuggestionModeration({
  screen,
  suggestion: s,
}: {
  screen: SuggestionScreen;
  suggestion: SuggestionView;
}) {
  return (
    <details class="card team-panel moderation-panel">
      <summary>Moderation</summary>
      <div class="team-form">
        <HideForm
          kind="suggestion"
          id={s.id}
          hidden={s.hidden}
          idPrefix={`s${s.id}`}
          onChange={(answer) => {
            if ('suggestion' in answer) screen.applySuggestion(answer.suggestion);
          }}
        />
      </div>
      <div class="team-form">
        <LockButton screen={screen} suggestion={s} />
      </div>
      <div class="team-form">
        <UserSanctions author={s.author} idPrefix={`s${s.id}`} />
      </div>
    </details>
  );
}

function LockButton({
  screen,
  suggestion,
}: {
  screen: SuggestionScreen;
  suggestion: SuggestionView;
}) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<{ suggestion: SuggestionView }>(
        'POST',
        `/suggestions/${suggestion.id}/${suggestion.locked ? 'unlock' : 'lock'}`,
        { body: {} },
      );
      screen.applySuggestion(answer.suggestion);
      announce(answer.suggestion.locked ? 'Suggestion locked' : 'Suggestion unlocked');
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p class="hint">Locked: no new replies or votes; everything stays readable.</p>
      <button type="button" disabled={busy} onClick={toggle}>
        {suggestion.locked ? 'Unlock suggestion' : 'Lock suggestion'}
      </button>
      {error ? (
        <p class="error-note" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function ReplyModeration({
  screen,
  reply,
}: {
  screen: SuggestionScreen;
  reply: ThreadReply;
}) {
  return (
    <div class="reply-moderation">
      <HideForm
        kind="reply"
        id={reply.id}
        hidden={reply.hidden}
        idPrefix={`r${reply.id}`}
        onChange={(answer) => {
          if ('reply' in answer) screen.patchReply(reply.id, answer.reply);
        }}
      />
      {reply.author ? <UserSanctions author={reply.author} idPrefix={`r${reply.id}`} /> : null}
    </div>
  );
}
