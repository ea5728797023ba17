import type { QueueItem, TargetPreview } from '../contracts.ts';
import type { Executor, FlagTargetType } from '../db/schema.ts';
import { iso } from '../http/dto.ts';
import type { QueueRow } from './flags.repository.ts';

export type { QueueItem, TargetPreview };

const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 277)}…` : text);

/** Loads previews for a page of queue rows: one query per kind of target. */
export async function withPreviews(db: Executor, rows: QueueRow[]): Promise<QueueItem[]> {
  const ids = (type: FlagTargetType) =>
    rows.filter((r) => r.target_type === type).map((r) => String(r.target_id));
  const previews = new Map<string, TargetPreview>();
  const suggestionIds = ids('suggestion');
  if (suggestionIds.length > 0) {
    const found = await db
      .selectFrom('suggestions as s')
      .innerJoin('users as u', 'u.id', 's.author_id')
      .select(['s.id', 's.title', 's.body', 's.hidden_at', 'u.id as author_id', 'u.handle'])
      .where('s.id', 'in', suggestionIds)
      .execute();
    for (const s of found) {
      previews.set(`suggestion:${s.id}`, {
        title: s.title,
        excerpt: excerpt(s.body),
        author: { id: String(s.author_id), handle: s.handle },
        suggestionId: String(s.id),
        hidden: s.hidden_at !== null,
      });
    }
  }
  const replyIds = ids('reply');
  if (replyIds.length > 0) {
    const found = await db
      .selectFrom('replies as r')
      .innerJoin('users as u', 'u.id', 'r.author_id')
      .select(['r.id', 'r.body', 'r.suggestion_id', 'r.hidden_at', 'u.id as author_id', 'u.handle'])
      .where('r.id', 'in', replyIds)
      .execute();
    for (const r of found) {
      previews.set(`reply:${r.id}`, {
        title: null,
        excerpt: excerpt(r.body),
        author: { id: String(r.author_id), handle: r.handle },
        suggestionId: String(r.suggestion_id),
        hidden: r.hidden_at !== null,
      });
    }
  }
  const userIds = ids('user');
  if (userIds.length > 0) {
    const found = await db
      .selectFrom('users')
      .select(['id', 'handle', 'banned_at'])
      .where('id', 'in', userIds)
      .execute();
    for (const u of found) {
      previews.set(`user:${u.id}`, {
        title: u.handle,
        excerpt: u.banned_at ? 'banned' : '',
        author: { id: String(u.id), handle: u.handle },
        suggestionId: null,
        hidden: u.banned_at !== null,
      });
    }
  }
  return rows.map((row) => ({
    targetType: row.target_type,
    targetId: String(row.target_id),
    flagCount: row.flag_count,
    reasons: row.reasons,
    notes: row.notes,
    lastFlaggedAt: iso(row.last_flagged_at),
    target: previews.get(`${row.target_type}:${row.target_id}`) ?? null,
  }));
}
