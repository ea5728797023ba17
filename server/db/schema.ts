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
  deleted_at: Date | null;
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
}

export type UserRow = Selectable<UsersTable>;
export type AnnouncementRow = Selectable<AnnouncementsTable>;
export type SuggestionRow = Selectable<SuggestionsTable>;
export type ReplyRow = Selectable<RepliesTable>;
export type NewUser = Insertable<UsersTable>;

/** What a repository function runs on: the database, or an open transaction. */
export type Executor = import('kysely').Kysely<DB> | import('kysely').Transaction<DB>;
