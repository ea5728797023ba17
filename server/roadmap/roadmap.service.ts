import type { Roadmap, SuggestionView } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { AppError, notFound, validationFailed } from '../errors.ts';
import { type Delivery, notifyShipped } from '../notifications/notifications.service.ts';
import { toSuggestionView } from '../suggestions/suggestions.service.ts';
import { insertStatusChanges } from '../triage/status.repository.ts';
import * as repo from './roadmap.repository.ts';

/** Planned, in progress and shipped, each by votes. */
export async function getRoadmap(
  db: Executor,
  viewerId: string | null,
  query: { announcementId?: string | undefined; limit: number },
): Promise<Roadmap> {
  const column = async (status: 'planned' | 'in_progress' | 'shipped') =>
    (await repo.listByStatus(db, { ...query, status, viewerId })).map(toSuggestionView);
  const [planned, inProgress, shipped] = await Promise.all([
    column('planned'),
    column('in_progress'),
    column('shipped'),
  ]);
  return { planned, inProgress, shipped };
}

export async function listShipped(
  db: Executor,
  announcementId: string,
  viewerId: string | null,
): Promise<SuggestionView[]> {
  if (!(await repo.findAnnouncementForShare(db, announcementId))) throw notFound('Announcement');
  return (await repo.listShippedIn(db, announcementId, viewerId)).map(toSuggestionView);
}

export interface ShipOutcome {
  /** Everything shipped in this update so far. */
  shipped: SuggestionView[];
  /** The ones this call changed, to broadcast. */
  changed: SuggestionView[];
  deliveries: Delivery[];
}

/**
 * Links suggestions to the update they shipped in (call inside a transaction):
 * each becomes 'shipped' with its history kept, and each follower gets ONE
 * digest for the update listing all of their suggestions shipped in it.
 * Linking again is harmless; a merged suggestion is refused.
 */
export async function shipInUpdate(
  trx: Executor,
  actor: { id: string; handle: string },
  announcementId: string,
  suggestionIds: string[],
): Promise<ShipOutcome> {
  const announcement = await repo.findAnnouncementForShare(trx, announcementId);
  if (!announcement) throw notFound('Announcement');
  const ids = [...new Set(suggestionIds)];
  const rows = await repo.lockSuggestions(trx, ids);
  const found = new Set(rows.map((row) => String(row.id)));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw validationFailed([
      { path: 'body.suggestionIds', message: `unknown suggestions: ${missing.join(', ')}` },
    ]);
  }
  const merged = rows.filter((row) => row.status === 'merged').map((row) => String(row.id));
  if (merged.length > 0) {
    throw new AppError(
      409,
      'merged',
      'Merged suggestions cannot ship; ship the ones they point at',
      {
        ids: merged,
      },
    );
  }
  const fresh = rows.filter(
    (row) => !(row.status === 'shipped' && String(row.shipped_in_id) === announcementId),
  );
  const freshIds = fresh.map((row) => String(row.id));
  await repo.markShipped(trx, freshIds, announcementId);
  await insertStatusChanges(
    trx,
    fresh.map((row) => ({
      suggestionId: String(row.id),
      actorId: actor.id,
      from: row.status,
      to: 'shipped' as const,
      note: `Shipped in ${announcement.title}`,
    })),
  );
  const deliveries = await notifyShipped(trx, {
    announcement: { id: announcementId, title: announcement.title },
    actor,
    newlyShipped: freshIds,
  });
  const shipped = await repo.listShippedIn(trx, announcementId, actor.id);
  const changed = await repo.listByIds(trx, freshIds, actor.id);
  return {
    shipped: shipped.map(toSuggestionView),
    changed: changed.map(toSuggestionView),
    deliveries,
  };
}
