/**
 * The server's API shapes, imported type-only so no server code reaches the
 * bundle. The few constants the client needs are mirrored here; their types
 * are the server's literal types, so a drift fails the typecheck.
 */
import type {
  LIMITS as ServerLimits,
  SUGGESTION_SORTS as ServerSorts,
  SUGGESTION_STATUSES as ServerStatuses,
  TRIAGE_LIMITS as ServerTriageLimits,
} from '../../server/contracts.ts';

export type {
  Announcement,
  ApiError,
  AuditEntry,
  Author,
  ClientToServerEvents,
  HeldPost,
  InternalNote,
  Notification,
  Page,
  QueueItem,
  Reply,
  ReplyView,
  Revision,
  Roadmap,
  Role,
  ServerToClientEvents,
  SimilarSuggestion,
  StatusChange,
  SubscribeAck,
  Suggestion,
  SuggestionSort,
  SuggestionStatus,
  SuggestionView,
  Tag,
  User,
  UserProfile,
} from '../../server/contracts.ts';

export const LIMITS: typeof ServerLimits = {
  titleMax: 200,
  bodyMax: 20_000,
  handleMin: 3,
  handleMax: 32,
  passwordMin: 10,
  passwordMax: 200,
  pageMax: 100,
  pageDefault: 30,
};

export const TRIAGE_LIMITS: typeof ServerTriageLimits = {
  noteMax: 2_000,
  tagNameMax: 32,
  searchMax: 200,
  batchMax: 100,
};

export const SUGGESTION_STATUSES: typeof ServerStatuses = [
  'open',
  'under_review',
  'planned',
  'in_progress',
  'shipped',
  'declined',
  'merged',
];

export const SUGGESTION_SORTS: typeof ServerSorts = ['hot', 'top', 'new', 'trending'];
