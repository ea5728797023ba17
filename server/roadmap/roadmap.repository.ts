import type { Executor, SuggestionStatus } from '../db/schema.ts';
import {
  type SuggestionListRow,
  selectSuggestions,
} from '../suggestions/suggestions.repository.ts';
import { visibleToAll } from '../triage/visibility.ts';

/** One roadmap column: a status, most votes first. */
export async function listByStatus(
  db: Executor,
  options: {
    status: SuggestionStatus;
    announcementId?: string | undefined;
    limit: number;
    viewerId: string | null;
  },
): Promise<SuggestionListRow[]> {
  return selectSuggestions(db, options.viewerId)
    .select('s.vote_count as sort_key')
    .where('s.status', '=', options.status)
    .where(visibleToAll)
    .$if(options.announcementId !== undefined, (q) =>
      q.where('s.announcement_id', '=', options.announcementId!),
    )
    .orderBy('s.vote_count', 'desc')
    .orderBy('s.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** The suggestions shipped in an update, most votes first. */
export async function listShippedIn(
  db: Executor,
  announcementId: string,
  viewerId: string | null,
): Promise<SuggestionListRow[]> {
  return selectSuggestions(db, viewerId)
    .select('s.vote_count as sort_key')
    .where('s.shipped_in_id', '=', announcementId)
    .where(visibleToAll)
    .orderBy('s.vote_count', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

export async function listByIds(db: Executor, ids: string[], viewerId: string | null) {
  if (ids.length === 0) return [];
  return selectSuggestions(db, viewerId)
    .select('s.vote_count as sort_key')
    .where('s.id', 'in', ids)
    .orderBy('s.id')
    .execute();
}

export async function findAnnouncementForShare(db: Executor, id: string) {
  return db
    .selectFrom('announcements')
    .select(['id', 'title'])
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
}

/** The suggestions to ship, locked in id order. */
export async function lockSuggestions(db: Executor, ids: string[]) {
  return db
    .selectFrom('suggestions')
    .select(['id', 'status', 'shipped_in_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function markShipped(db: Executor, ids: string[], announcementId: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('suggestions')
    .set({ status: 'shipped', shipped_in_id: announcementId, updated_at: new Date() })
    .where('id', 'in', ids)
    .execute();
}
