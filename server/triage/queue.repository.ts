import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';
import {
  type SuggestionListRow,
  selectSuggestions,
} from '../suggestions/suggestions.repository.ts';
import { visibleToAll } from './visibility.ts';

/**
 * The team's "awaiting response" queue: open suggestions with neither an
 * official response nor any status change yet, most votes first, then oldest.
 * Keyset on (votes desc, id asc).
 */
export async function listAwaiting(
  db: Executor,
  options: {
    announcementId?: string | undefined;
    limit: number;
    after?: [number, string] | undefined;
    viewerId: string;
  },
): Promise<SuggestionListRow[]> {
  let query = selectSuggestions(db, options.viewerId)
    .select(sql<number>`s.vote_count`.as('sort_key'))
    .where('s.status', '=', 'open')
    .where(visibleToAll)
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM replies r
        WHERE r.suggestion_id = s.id AND r.official AND r.deleted_at IS NULL)`,
    )
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM suggestion_status_changes c WHERE c.suggestion_id = s.id)`,
    );
  if (options.announcementId) query = query.where('s.announcement_id', '=', options.announcementId);
  if (options.after) {
    const [votes, id] = options.after;
    query = query.where(
      sql<boolean>`(s.vote_count < ${votes} OR (s.vote_count = ${votes} AND s.id > ${id}))`,
    );
  }
  return query
    .orderBy('s.vote_count', 'desc')
    .orderBy('s.id', 'asc')
    .limit(options.limit + 1)
    .execute();
}
