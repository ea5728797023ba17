/**
 * The state of one suggestion page: the suggestion, its flat reply thread (in
 * thread order, as the server gives it) and its announcement's title for the
 * way back. Live events change them in place; new replies are announced.
 */
import { batch, computed, signal } from '@preact/signals';
import { seesHidden } from '../auth/session.ts';
import type {
  Announcement,
  Reply,
  ReplyView,
  StatusChange,
  SuggestionView,
  User,
} from '../contracts.ts';
import { announce } from '../lib/announce.ts';
import { ApiFailure, describe, get } from '../lib/api.ts';
import { STATUS_LABELS } from '../lib/format.ts';
import type { LiveScreen } from '../live/useLive.ts';

export type SuggestionScreen = ReturnType<typeof createSuggestionScreen>;

export type ThreadReply = ReplyView;

/** Who reads the page: moderators and authors see hidden posts (marked), others a placeholder. */
type Viewer = () => User | null | undefined;

export function createSuggestionScreen(id: string, viewer: Viewer) {
  const suggestion = signal<SuggestionView | null>(null);
  const replies = signal<ThreadReply[]>([]);
  const failure = signal<ApiFailure | null>(null);
  const announcementTitle = signal<string | null>(null);
  /** Bumped when the text was edited, so an open history reloads. */
  const edits = signal(0);
  /** Who moved the status, when, with the team's note; empty until it first changes. */
  const statusHistory = signal<StatusChange[]>([]);

  async function loadStatusHistory() {
    try {
      statusHistory.value = (
        await get<{ items: StatusChange[] }>(`/suggestions/${id}/status-history`)
      ).items;
    } catch {
      // No history shown is better than an error about it: the status itself is on the page.
    }
  }

  /** parentId ('' for top level) → children, in thread order. */
  const children = computed(() => {
    const map = new Map<string, ThreadReply[]>();
    for (const reply of replies.value) {
      const key = reply.parentId ?? '';
      map.set(key, [...(map.get(key) ?? []), reply]);
    }
    return map;
  });

  async function fetchAll() {
    return get<{ suggestion: SuggestionView; replies: ThreadReply[] }>(`/suggestions/${id}`);
  }

  async function load() {
    try {
      const answer = await fetchAll();
      batch(() => {
        suggestion.value = answer.suggestion;
        replies.value = answer.replies;
        failure.value = null;
      });
      void loadStatusHistory();
      void get<{ announcement: Announcement }>(
        `/announcements/${answer.suggestion.announcementId}`,
      ).then(
        (a) => {
          announcementTitle.value = a.announcement.title;
        },
        () => {},
      );
    } catch (err) {
      failure.value = err instanceof ApiFailure ? err : new ApiFailure(0, 'unknown', describe(err));
    }
  }

  /** Refetches and applies: a thread only grows, so nothing the reader looks at jumps away. */
  async function resync() {
    if (!suggestion.value) return load();
    try {
      const answer = await fetchAll();
      const before = new Set(replies.value.map((r) => r.id));
      const added = answer.replies.filter((r) => !before.has(r.id)).length;
      if (answer.suggestion.status !== suggestion.value?.status) void loadStatusHistory();
      batch(() => {
        suggestion.value = answer.suggestion;
        replies.value = answer.replies;
      });
      if (added > 0) announce(`${added === 1 ? 'A new reply' : `${added} new replies`} arrived`);
    } catch {
      // Keep what is shown.
    }
  }

  function upsertReply(reply: ThreadReply) {
    const list = replies.value;
    const index = list.findIndex((r) => r.id === reply.id);
    if (index >= 0) {
      replies.value = list.map((r) => (r.id === reply.id ? { ...r, ...reply } : r));
      return false;
    }
    // After its parent's last descendant: where the server's thread order puts a newest reply.
    let at = list.length;
    if (reply.parentId) {
      const parent = list.findIndex((r) => r.id === reply.parentId);
      if (parent >= 0) {
        at = parent + 1;
        const depth = list[parent]?.depth ?? 0;
        while (at < list.length && (list[at]?.depth ?? 0) > depth) at++;
      }
    }
    replies.value = [...list.slice(0, at), reply, ...list.slice(at)];
    const s = suggestion.value;
    if (s) suggestion.value = { ...s, replyCount: s.replyCount + 1 };
    return true;
  }

  const listeners: LiveScreen['listeners'] = {
    'suggestion:updated': (s) => {
      const current = suggestion.value;
      if (s.id !== id || !current) return;
      if (s.status !== current.status) {
        announce(`Status changed to ${STATUS_LABELS[s.status]}`);
        void loadStatusHistory();
      }
      if (s.title !== current.title || s.body !== current.body) edits.value++;
      // Events carry the public version: a moderator or the author re-reads the revealed one.
      if ((s.hidden || s.pending) && !s.bodyHtml && seesHidden(viewer(), current.author.id)) {
        void resync();
        return;
      }
      suggestion.value = { ...current, ...s };
    },
    'suggestion:votes': ({ id: sid, voteCount }) => {
      const current = suggestion.value;
      if (sid === id && current) suggestion.value = { ...current, voteCount };
    },
    'reply:created': (reply: Reply) => {
      if (reply.suggestionId !== id) return;
      if (upsertReply({ ...reply, viewerVote: 0 }) && reply.author?.id !== viewer()?.id) {
        announce(`New reply from ${reply.author?.handle ?? 'someone'}`);
      }
    },
    'reply:updated': (reply: Reply) => {
      if (reply.suggestionId !== id) return;
      const known = replies.value.find((r) => r.id === reply.id);
      if (reply.hidden && !reply.bodyHtml && seesHidden(viewer(), known?.author?.id)) {
        void resync();
        return;
      }
      upsertReply({ ...reply, viewerVote: known?.viewerVote ?? 0 });
    },
    'reply:votes': ({ id: rid, score }) => {
      if (replies.value.some((r) => r.id === rid)) {
        replies.value = replies.value.map((r) => (r.id === rid ? { ...r, score } : r));
      }
    },
  };

  return {
    id,
    suggestion,
    replies,
    children,
    failure,
    announcementTitle,
    edits,
    statusHistory,
    rooms: [`suggestion:${id}`],
    listeners,
    load,
    resync,
    /** Your own reply, from the HTTP answer (the live echo is then recognised by id). */
    addReply(reply: ReplyView) {
      upsertReply(reply);
    },
    patchReply(rid: string, change: Partial<ThreadReply>) {
      replies.value = replies.value.map((r) => (r.id === rid ? { ...r, ...change } : r));
    },
    setSuggestion(next: SuggestionView) {
      suggestion.value = next;
      edits.value++;
    },
    /** A suggestion from a team action's answer (a status change): history follows. */
    applySuggestion(next: SuggestionView) {
      const before = suggestion.value;
      suggestion.value = before ? { ...next, viewerHasVoted: before.viewerHasVoted } : next;
      void loadStatusHistory();
    },
    setVotes(votes: Pick<SuggestionView, 'voteCount' | 'viewerHasVoted'>) {
      const current = suggestion.value;
      if (current) suggestion.value = { ...current, ...votes };
    },
  } satisfies LiveScreen & Record<string, unknown>;
}
