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

/** Limits of the triage features (statuses, notes, tags, search, shipping). */
export const TRIAGE_LIMITS = {
  /** A status note, an internal note. */
  noteMax: 2_000,
  tagNameMax: 32,
  /** Search text; longer is a 400. */
  searchMax: 200,
  /** Suggestions linked to one update in one call; tags set on one suggestion. */
  batchMax: 100,
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
  /** Launch-surge mode: seconds between a member's posts here, and the account age (hours) below which posts wait for approval; 0 is off. */
  surge: { slowModeSeconds: number; minAccountAgeHours: number };
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
  /** The suggestion this one was merged into (status 'merged'), else null. */
  mergedIntoId: string | null;
  /** The announcement (update) it shipped in, else null. */
  shippedInId: string | null;
  tags: Tag[];
  /** Hidden by a moderator: only moderators and the author see its text (marked). */
  hidden: boolean;
  /** The moderator's reason; shown only to moderators and the author, else null. */
  hiddenReason: string | null;
  /** Held for approval (launch surge): only moderators and the author see it. */
  pending: boolean;
  /** Deleted: the placeholder keeps its thread; its text is gone. */
  deleted: boolean;
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
  /** An official response from the team. */
  official: boolean;
  /** Hidden by a moderator: a placeholder for everyone but moderators and the author. */
  hidden: boolean;
  /** Shown only to moderators and the author, else null. */
  hiddenReason: string | null;
  /** Held for approval (launch surge). */
  pending: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReplyView extends Reply {
  viewerVote: -1 | 0 | 1;
}

/** A label the team puts on suggestions; lists filter by `?tag=<name>`. */
export interface Tag {
  id: string;
  name: string;
}

/** One step of a suggestion's status history. */
export interface StatusChange {
  id: string;
  suggestionId: string;
  from: SuggestionStatus;
  to: SuggestionStatus;
  /** A public note from the team, shown with the change. */
  note: string | null;
  actor: Author;
  createdAt: string;
}

/** A note only team and moderators see: never in a public payload, list, search or event. */
export interface InternalNote {
  id: string;
  suggestionId: string;
  body: string;
  bodyHtml: string;
  author: Author;
  createdAt: string;
}

export const NOTIFICATION_KINDS = ['status', 'response', 'reply', 'merged', 'shipped'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification says, by kind; titles are as they were when it was made. */
export type NotificationDetail =
  | { kind: 'status'; from: SuggestionStatus; to: SuggestionStatus; note: string | null }
  | { kind: 'response'; replyId: string; excerpt: string }
  | { kind: 'reply'; replyId: string; excerpt: string }
  | { kind: 'merged'; into: { id: string; title: string } }
  | {
      kind: 'shipped';
      announcement: { id: string; title: string };
      /** Every suggestion of the recipient's shipped in that update: one digest, not one each. */
      suggestions: { id: string; title: string }[];
    };

export type Notification = NotificationDetail & {
  id: string;
  /** The suggestion it is about (for 'shipped', null: see `suggestions`). */
  suggestion: { id: string; title: string } | null;
  actor: Author | null;
  read: boolean;
  createdAt: string;
};

/** GET /api/roadmap */
export interface Roadmap {
  planned: SuggestionView[];
  inProgress: SuggestionView[];
  shipped: SuggestionView[];
}

/** A near-duplicate while typing: 0..1, higher is closer. */
export interface SimilarSuggestion extends Suggestion {
  similarity: number;
}

/** A flagged thing, as a moderator needs to judge it at a glance. */
export interface TargetPreview {
  title: string | null;
  excerpt: string;
  author: Author | null;
  /** Where it lives: the suggestion to open (for a reply, its suggestion). */
  suggestionId: string | null;
  hidden: boolean;
}

/** GET /api/moderation/queue items: open flags grouped by target. */
export interface QueueItem {
  targetType: 'suggestion' | 'reply' | 'user';
  targetId: string;
  flagCount: number;
  reasons: Record<string, number>;
  notes: string[];
  lastFlaggedAt: string;
  target: TargetPreview | null;
}

/** GET /api/moderation/audit items. */
export interface AuditEntry {
  id: string;
  /** e.g. `reply.hide`, `user.ban`, `announcement.lock`, `flags.resolve`, `user.role`. */
  action: string;
  actor: Author;
  targetType: string;
  targetId: string;
  /** What the target is called now: a handle or a title (null when gone). */
  targetLabel: string | null;
  /** For a reply, the suggestion it belongs to. */
  suggestionId: string | null;
  reason: string | null;
  details: unknown;
  createdAt: string;
}

/** GET /api/moderation/pending items: a post held for approval. */
export type HeldPost =
  | { kind: 'suggestion'; post: SuggestionView }
  | { kind: 'reply'; post: ReplyView };

/** GET /api/users/:id — sanction state only for moderators. */
export interface UserProfile extends User {
  createdAt: string;
  banned?: boolean;
  suspendedUntil?: string | null;
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
