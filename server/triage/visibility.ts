import { sql } from 'kysely';

/**
 * A suggestion (aliased `s`) that everyone may see: not hidden by a moderator,
 * not held for approval, not deleted. Search, similar, the roadmap and the
 * shipped lists show only these.
 */
export const visibleToAll = sql<boolean>`(s.hidden_at IS NULL AND NOT s.pending AND s.deleted_at IS NULL)`;
