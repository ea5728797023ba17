/**
 * The API's shapes, shared with the client (type-only imports there).
 * Ids are strings everywhere; times are ISO-8601 strings.
 */

export type Role = 'member' | 'team' | 'moderator' | 'admin';
export const ROLES = ['member', 'team', 'moderator', 'admin'] as const;

export const SUGGESTION_STATUSES = [
  'open',
  'under_review',
  'planned',
  'in_progress',
  'shipped',
  'declined',
  'merged',
] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const SUGGESTION_SORTS = ['hot', 'top', 'new', 'trending'] as const;
export type SuggestionSort = (typeof SUGGESTION_SORTS)[number];

/** Input limits, enforced by the server and shown by the client. */
export const LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
  handleMin: 3,
  handleMax: 32,
  passwordMin: 10,
  passwordMax: 200,
  pageMax: 100,
  pageDefault: 30,
} as const;

export interface User {
  id: string;
  handle: string;
  role: Role;
}

export interface Author {
  id: string;
  handle: string;
}

export interface Announcement {
  id: string;
  title: string;
  body: string;
  bodyHtml: string;
  author: Author;
  pinned: boolean;
  locked: boolean;
  suggestionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Suggestion {
  id: string;
  announcementId: string;
  title: string;
  body: string;
  bodyHtml: string;
  author: Author;
  status: SuggestionStatus;
  voteCount: number;
  replyCount: number;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A suggestion as the signed-in viewer sees it. */
export interface SuggestionView extends Suggestion {
  viewerHasVoted: boolean;
}

export interface Revision {
  id: string;
  title: string;
  body: string;
  editor: Author;
  createdAt: string;
}

export interface Reply {
  id: string;
  suggestionId: string;
  parentId: string | null;
  depth: number;
  body: string;
  bodyHtml: string;
  /** null once deleted: the placeholder keeps the thread's shape. */
  author: Author | null;
  deleted: boolean;
  score: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReplyView extends Reply {
  viewerVote: -1 | 0 | 1;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

/** Events the server pushes; payloads carry absolute values, never per-viewer fields. */
export interface ServerToClientEvents {
  'suggestion:created': (suggestion: Suggestion) => void;
  'suggestion:updated': (suggestion: Suggestion) => void;
  'suggestion:votes': (payload: { id: string; voteCount: number }) => void;
  'reply:created': (reply: Reply) => void;
  'reply:updated': (reply: Reply) => void;
  'reply:votes': (payload: { id: string; score: number }) => void;
  presence: (payload: { room: string; count: number }) => void;
  notification: (notification: unknown) => void;
}

export type SubscribeAck = { ok: true } | { error: { code: string; message: string } };

export interface ClientToServerEvents {
  subscribe: (payload: { room: string }, ack: (answer: SubscribeAck) => void) => void;
  unsubscribe: (payload: { room: string }, ack: (answer: SubscribeAck) => void) => void;
}
