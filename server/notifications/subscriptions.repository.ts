import { sql } from 'kysely';
import type { Executor } from '../db/schema.ts';
import { audience } from './notifications.repository.ts';

/**
 * Records an explicit follow (true) or unfollow (false); an unfollow outranks
 * being the author or a voter. false when the suggestion does not exist.
 */
export async function setFollowing(
  db: Executor,
  suggestionId: string,
  userId: string,
  following: boolean,
): Promise<boolean> {
  const { rows } = await sql<{ following: boolean }>`
    INSERT INTO subscriptions (suggestion_id, user_id, following)
    SELECT id, ${userId}, ${following} FROM suggestions WHERE id = ${suggestionId}
    ON CONFLICT (suggestion_id, user_id) DO UPDATE SET following = EXCLUDED.following
    RETURNING following`.execute(db);
  return rows.length > 0;
}

/** Whether the user follows the suggestion (explicitly, or as its author or a voter); undefined when it does not exist. */
export async function isFollowing(
  db: Executor,
  suggestionId: string,
  userId: string,
): Promise<boolean | undefined> {
  const { rows } = await sql<{ following: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM ${audience(sql`${suggestionId}`)} a WHERE a.user_id = ${userId}
    ) AS following
    FROM suggestions WHERE id = ${suggestionId}`.execute(db);
  return rows[0]?.following;
}
