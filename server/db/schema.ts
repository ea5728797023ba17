import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** bigint ids come back as strings on both engines (see db/connect.ts). */
type Id = ColumnType<string, string | number | undefined, string | number>;
type RequiredId = ColumnType<string, string | number, string | number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type Role = 'member' | 'team' | 'moderator' | 'admin';
export type SuggestionStatus =
  | 'open'
  | 'under_review'
  | 'planned'
  | 'in_progress'
  | 'shipped'
  | 'declined'
  | 'merged';

export interface UsersTable {
  id: Generated<string>;
  handle: string;
  email: string;
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  created_at: CreatedAt;
  banned_at: Date | null;
  suspended_until: Date | null;
}

export interface SessionsTable {
  sid: string;
  sess: ColumnType<unknown, string, string>;
  expires_at: ColumnType<Date, Date, Date>;
  user_id: string | null;
}

export interface AnnouncementsTable {
  id: Id;
  author_id: RequiredId;
  title: string;
  body: string;
  body_html: string;
  pinned: Generated<boolean>;
  locked: Generated<boolean>;
  suggestion_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** Launch-surge slow mode: minimum seconds between one member's posts here (0: off). */
  slow_mode_seconds: Generated<number>;
  /** Posts from accounts younger than this wait for approval (0: off). */
  min_account_age_hours: Generated<number>;
}

export interface SuggestionsTable {
  id: Id;
  announcement_id: RequiredId;
  author_id: RequiredId;
  title: string;
  body: string;
  body_html: string;
  status: ColumnType<SuggestionStatus, SuggestionStatus | undefined, SuggestionStatus>;
  vote_count: Generated<number>;
  reply_count: Generated<number>;
  hot_score: number;
  locked: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** Set while the suggestion is merged (status 'merged'). */
  merged_into_id: string | null;
  /** The announcement ("update") it shipped in. */
  shipped_in_id: string | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  /** Held for a moderator's approval (launch surge, young account). */
  pending: Generated<boolean>;
  deleted_at: Date | null;
}

export interface SuggestionRevisionsTable {
  id: Id;
  suggestion_id: RequiredId;
  editor_id: RequiredId;
  title: string;
  body: string;
  created_at: CreatedAt;
}

export interface RepliesTable {
  id: Id;
  suggestion_id: RequiredId;
  parent_id: string | null;
  author_id: RequiredId;
  depth: number;
  path: string;
  body: string;
  body_html: string;
  score: Generated<number>;
  /** An official response from the team. */
  official: Generated<boolean>;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  pending: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SuggestionVotesTable {
  suggestion_id: RequiredId;
  user_id: RequiredId;
  created_at: CreatedAt;
}

export interface ReplyVotesTable {
  reply_id: RequiredId;
  user_id: RequiredId;
  value: number;
}

export interface SuggestionStatusChangesTable {
  id: Id;
  suggestion_id: RequiredId;
  actor_id: RequiredId;
  from_status: SuggestionStatus;
  to_status: SuggestionStatus;
  note: string | null;
  created_at: CreatedAt;
}

export interface SuggestionMergesTable {
  id: Id;
  source_id: RequiredId;
  target_id: RequiredId;
  actor_id: RequiredId;
  source_status: SuggestionStatus;
  /** The update the source had shipped in, restored by unmerge. */
  source_shipped_in_id: string | null;
  created_at: CreatedAt;
  undone_at: Date | null;
  undone_by: string | null;
}

export interface SuggestionMergeVotesTable {
  merge_id: RequiredId;
  user_id: RequiredId;
  voted_at: Date;
  /** true: moved to the target; false: dropped because the voter had voted there too. */
  moved: boolean;
}

export interface SuggestionMergeRepliesTable {
  merge_id: RequiredId;
  reply_id: RequiredId;
}

export interface SuggestionNotesTable {
  id: Id;
  suggestion_id: RequiredId;
  author_id: RequiredId;
  body: string;
  body_html: string;
  created_at: CreatedAt;
}

export interface TagsTable {
  id: Id;
  name: string;
  created_at: CreatedAt;
}

export interface SuggestionTagsTable {
  suggestion_id: RequiredId;
  tag_id: RequiredId;
}

export type NotificationKind = 'status' | 'response' | 'reply' | 'merged' | 'shipped';

export interface NotificationsTable {
  id: Id;
  user_id: RequiredId;
  kind: NotificationKind;
  suggestion_id: string | null;
  announcement_id: string | null;
  actor_id: string | null;
  /** Kind-specific fields, snapshotted when the notification was made. */
  data: ColumnType<Record<string, unknown>, string, string>;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface SubscriptionsTable {
  suggestion_id: RequiredId;
  user_id: RequiredId;
  following: boolean;
  created_at: CreatedAt;
}

export interface SuggestionSearchTable {
  suggestion_id: RequiredId;
  document: string;
}

/** Every table, as Kysely sees it. */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  announcements: AnnouncementsTable;
  suggestions: SuggestionsTable;
  suggestion_revisions: SuggestionRevisionsTable;
  replies: RepliesTable;
  suggestion_votes: SuggestionVotesTable;
  reply_votes: ReplyVotesTable;
  suggestion_status_changes: SuggestionStatusChangesTable;
  suggestion_merges: SuggestionMergesTable;
  suggestion_merge_votes: SuggestionMergeVotesTable;
  suggestion_merge_replies: SuggestionMergeRepliesTable;
  suggestion_notes: SuggestionNotesTable;
  tags: TagsTable;
  suggestion_tags: SuggestionTagsTable;
  notifications: NotificationsTable;
  subscriptions: SubscriptionsTable;
  suggestion_search: SuggestionSearchTable;
  flags: FlagsTable;
  audit_log: AuditLogTable;
}

export type FlagTargetType = 'suggestion' | 'reply' | 'user';
export type FlagReason = 'spam' | 'abuse' | 'off_topic' | 'duplicate' | 'other';

export interface FlagsTable {
  id: Id;
  target_type: FlagTargetType;
  target_id: RequiredId;
  reporter_id: RequiredId;
  reason: FlagReason;
  note: string | null;
  status: ColumnType<
    'open' | 'resolved' | 'dismissed',
    'open' | undefined,
    'resolved' | 'dismissed'
  >;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: CreatedAt;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface AuditLogTable {
  id: Id;
  actor_id: RequiredId;
  action: string;
  target_type: string;
  target_id: RequiredId;
  reason: string | null;
  details: ColumnType<unknown, string | undefined, never>;
  created_at: CreatedAt;
}

export type UserRow = Selectable<UsersTable>;
export type AnnouncementRow = Selectable<AnnouncementsTable>;
export type SuggestionRow = Selectable<SuggestionsTable>;
export type ReplyRow = Selectable<RepliesTable>;
export type NewUser = Insertable<UsersTable>;

/** What a repository function runs on: the database, or an open transaction. */
export type Executor = import('kysely').Kysely<DB> | import('kysely').Transaction<DB>;
