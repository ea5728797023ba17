import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

/**
 * Launch-surge rules for a post under an announcement: slow mode (a member
 * waits between posts there; 429 with Retry-After) and a minimum account age
 * (younger accounts' posts are held for approval; their votes still count).
 * Team, moderators and admins are exempt.
 */
export async function surgeCheck(
  db: Executor,
  announcementId: string,
  authorId: string,
): Promise<{ pending: boolean }> {
  const { rows } = await sql<{
    slow_mode_seconds: number;
    min_account_age_hours: number;
    role: string;
    account_age_hours: number;
    seconds_since_last_post: number | null;
  }>`
    SELECT a.slow_mode_seconds, a.min_account_age_hours, u.role,
           extract(epoch from now() - u.created_at) / 3600 AS account_age_hours,
           CASE WHEN a.slow_mode_seconds > 0 THEN extract(epoch from now() - greatest(
             (SELECT max(s.created_at) FROM suggestions s
              WHERE s.announcement_id = a.id AND s.author_id = u.id),
             (SELECT max(r.created_at) FROM replies r JOIN suggestions s ON s.id = r.suggestion_id
              WHERE s.announcement_id = a.id AND r.author_id = u.id)
           )) END AS seconds_since_last_post
    FROM announcements a CROSS JOIN users u
    WHERE a.id = ${announcementId} AND u.id = ${authorId}`.execute(db);
  const row = rows[0];
  if (!row) throw notFound('Announcement');
  if (row.role !== 'member') return { pending: false };
  const since = row.seconds_since_last_post === null ? null : Number(row.seconds_since_last_post);
  if (row.slow_mode_seconds > 0 && since !== null && since < row.slow_mode_seconds) {
    const wait = Math.ceil(row.slow_mode_seconds - since);
    throw new AppError(
      429,
      'slow_mode',
      `Slow mode is on here: you can post again in ${wait} s`,
      { retryAfterSeconds: wait },
      {
        'Retry-After': String(Math.max(1, wait)),
      },
    );
  }
  return {
    pending:
      row.min_account_age_hours > 0 && Number(row.account_age_hours) < row.min_account_age_hours,
  };
}
