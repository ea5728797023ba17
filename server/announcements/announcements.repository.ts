import type { AnnouncementRow, Executor } from '../db/schema.ts';

export type AnnouncementListRow = AnnouncementRow & { author_handle: string };

function selectAnnouncements(db: Executor) {
  return db
    .selectFrom('announcements as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select('u.handle as author_handle');
}

/** Pinned first, then newest; keyset on (pinned, id). */
export async function listAnnouncements(
  db: Executor,
  page: { limit: number; after?: [boolean, string] | undefined },
): Promise<AnnouncementListRow[]> {
  let query = selectAnnouncements(db).orderBy('a.pinned', 'desc').orderBy('a.id', 'desc');
  if (page.after) {
    const [pinned, id] = page.after;
    query = query.where((eb) => eb(eb.refTuple('a.pinned', 'a.id'), '<', eb.tuple(pinned, id)));
  }
  return query.limit(page.limit + 1).execute();
}

export async function findAnnouncement(
  db: Executor,
  id: string,
): Promise<AnnouncementListRow | undefined> {
  return selectAnnouncements(db).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAnnouncement(
  db: Executor,
  values: { authorId: string; title: string; body: string; bodyHtml: string; pinned: boolean },
): Promise<string> {
  const row = await db
    .insertInto('announcements')
    .values({
      author_id: values.authorId,
      title: values.title,
      body: values.body,
      body_html: values.bodyHtml,
      pinned: values.pinned,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAnnouncement(
  db: Executor,
  id: string,
  changes: Partial<{
    title: string;
    body: string;
    body_html: string;
    pinned: boolean;
    locked: boolean;
  }>,
): Promise<boolean> {
  const result = await db
    .updateTable('announcements')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
