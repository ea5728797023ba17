import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';

/** One page of an announcement's suggestions for the CSV, in id order (keyset on id). */
export async function exportPage(
  db: Executor,
  announcementId: string,
  options: { afterId: string | null; limit: number },
) {
  return db
    .selectFrom('suggestions as s')
    .innerJoin('users as u', 'u.id', 's.author_id')
    .select([
      's.id',
      's.title',
      's.status',
      's.vote_count',
      's.reply_count',
      's.created_at',
      's.shipped_in_id',
      's.merged_into_id',
      'u.handle as author_handle',
    ])
    .select(
      sql<string>`coalesce((SELECT string_agg(t.name, '; ' ORDER BY lower(t.name))
        FROM suggestion_tags st JOIN tags t ON t.id = st.tag_id WHERE st.suggestion_id = s.id), '')`.as(
        'tags',
      ),
    )
    .where('s.announcement_id', '=', announcementId)
    .$if(options.afterId !== null, (q) => q.where('s.id', '>', options.afterId!))
    .orderBy('s.id')
    .limit(options.limit)
    .execute();
}

export async function announcementExists(db: Executor, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('announcements')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The newest announcements for the feed, with their authors. */
export async function latestAnnouncements(db: Executor, limit: number) {
  return db
    .selectFrom('announcements as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .select(['a.id', 'a.title', 'a.body_html', 'a.created_at', 'a.updated_at', 'u.handle'])
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** What shipped in these announcements, for "Shipped from your suggestions". */
export async function shippedIn(db: Executor, announcementIds: string[]) {
  if (announcementIds.length === 0) return [];
  return db
    .selectFrom('suggestions')
    .select(['id', 'title', 'shipped_in_id'])
    .where('shipped_in_id', 'in', announcementIds)
    .where('hidden_at', 'is', null)
    .where('pending', '=', false)
    .where('deleted_at', 'is', null)
    .orderBy('vote_count', 'desc')
    .execute();
}
