import type { Server } from 'socket.io';
import type {
  ClientToServerEvents,
  Reply,
  ServerToClientEvents,
  Suggestion,
} from '../contracts.ts';

export type ForumServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * The only emitter of domain events. Call it after the transaction commits,
 * with public payloads (no per-viewer fields) carrying absolute values.
 */
export interface Broadcast {
  suggestionCreated(suggestion: Suggestion): void;
  suggestionUpdated(suggestion: Suggestion): void;
  suggestionVotes(payload: { id: string; announcementId: string; voteCount: number }): void;
  replyCreated(reply: Reply): void;
  replyUpdated(reply: Reply): void;
  replyVotes(payload: { id: string; suggestionId: string; score: number }): void;
  notification(userId: string, notification: unknown): void;
  /** Sends what is still waiting in a coalescing window (on shutdown). */
  flush(): void;
}

export const rooms = {
  announcement: (id: string) => `announcement:${id}`,
  suggestion: (id: string) => `suggestion:${id}`,
  user: (id: string) => `user:${id}`,
};

/** Vote counts for one suggestion are sent at most once per window, always the latest. */
export const VOTE_WINDOW_MS = 150;

export function createBroadcast(io: ForumServer, voteWindowMs = VOTE_WINDOW_MS): Broadcast {
  const pendingVotes = new Map<string, { announcementId: string; voteCount: number }>();
  let timer: NodeJS.Timeout | undefined;

  const sendVotes = () => {
    timer = undefined;
    for (const [id, { announcementId, voteCount }] of pendingVotes) {
      io.to([rooms.suggestion(id), rooms.announcement(announcementId)]).emit('suggestion:votes', {
        id,
        voteCount,
      });
    }
    pendingVotes.clear();
  };

  return {
    suggestionCreated(suggestion) {
      io.to(rooms.announcement(suggestion.announcementId)).emit('suggestion:created', suggestion);
    },
    suggestionUpdated(suggestion) {
      io.to([rooms.suggestion(suggestion.id), rooms.announcement(suggestion.announcementId)]).emit(
        'suggestion:updated',
        suggestion,
      );
    },
    suggestionVotes({ id, announcementId, voteCount }) {
      // A later count replaces an earlier one: the window sends only the latest.
      pendingVotes.set(id, { announcementId, voteCount });
      timer ??= setTimeout(sendVotes, voteWindowMs);
    },
    replyCreated(reply) {
      io.to(rooms.suggestion(reply.suggestionId)).emit('reply:created', reply);
    },
    replyUpdated(reply) {
      io.to(rooms.suggestion(reply.suggestionId)).emit('reply:updated', reply);
    },
    replyVotes({ id, suggestionId, score }) {
      io.to(rooms.suggestion(suggestionId)).emit('reply:votes', { id, score });
    },
    notification(userId, notification) {
      io.to(rooms.user(userId)).emit('notification', notification);
    },
    flush() {
      if (timer) clearTimeout(timer);
      sendVotes();
    },
  };
}
