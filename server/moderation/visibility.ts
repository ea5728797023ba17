import { sql } from 'kysely';
import { isModerator } from '../auth/guards.ts';

/** Who is looking: moderators (and admins) and a post's author see it as it is. */
export interface Viewer {
  id: string | null;
  moderator: boolean;
}

export const ANONYMOUS: Viewer = { id: null, moderator: false };

export const viewerOf = (user: Express.User | undefined): Viewer => ({
  id: user?.id ?? null,
  moderator: isModerator(user),
});

/** May this viewer see the post's own text, even when hidden or held? */
export const reveals = (viewer: Viewer, authorId: string) =>
  viewer.moderator || viewer.id === String(authorId);

/**
 * SQL: a post (aliased by `alias`) that is neither hidden nor held, or one this
 * viewer may see anyway. Hidden replies still appear, as placeholders.
 */
export function seenBy(
  alias: 's' | 'r',
  viewer: Viewer,
  { hiddenCounts }: { hiddenCounts: boolean },
) {
  if (viewer.moderator) return sql<boolean>`true`;
  const own =
    viewer.id === null ? sql`false` : sql`${sql.ref(`${alias}.author_id`)} = ${viewer.id}`;
  const open = hiddenCounts
    ? sql`NOT ${sql.ref(`${alias}.pending`)}`
    : sql`(${sql.ref(`${alias}.hidden_at`)} IS NULL AND NOT ${sql.ref(`${alias}.pending`)})`;
  return sql<boolean>`(${open} OR ${own})`;
}
