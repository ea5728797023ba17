import type { SuggestionView } from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { AppError, notFound, validationFailed } from '../errors.ts';
import { type Delivery, notifyFollowers } from '../notifications/notifications.service.ts';
import { getSuggestion } from '../suggestions/suggestions.service.ts';
import * as repo from './merge.repository.ts';
import * as status from './status.repository.ts';

type Actor = { id: string; handle: string };

export interface MergeOutcome {
  source: SuggestionView;
  target: SuggestionView;
  deliveries: Delivery[];
}

async function lockBoth(trx: Executor, sourceId: string, targetId: string) {
  const rows = await repo.lockPair(trx, sourceId, targetId);
  const source = rows.find((row) => String(row.id) === sourceId);
  const target = rows.find((row) => String(row.id) === targetId);
  if (!source) throw notFound('Suggestion');
  if (!target) throw notFound('Suggestion to merge into');
  return { source, target };
}

/**
 * Merges a duplicate into another suggestion, in the caller's transaction: the
 * source's followers are told (before their votes move), its votes are united
 * with the target's (one per person), its replies move, and what moved is
 * recorded so that unmerge can put it all back.
 */
export async function merge(
  trx: Executor,
  actor: Actor,
  sourceId: string,
  targetId: string,
): Promise<MergeOutcome> {
  if (sourceId === targetId) {
    throw validationFailed([{ path: 'body.intoId', message: 'must be another suggestion' }]);
  }
  const { source, target } = await lockBoth(trx, sourceId, targetId);
  if (source.status === 'merged')
    throw new AppError(409, 'merged', 'This suggestion is already merged');
  if (target.status === 'merged') {
    throw new AppError(
      409,
      'merged',
      'That suggestion is itself merged; merge into the one it points at',
    );
  }
  const deliveries = await notifyFollowers(trx, {
    kind: 'merged',
    suggestionId: sourceId,
    actor,
    data: { suggestionTitle: source.title, into: { id: targetId, title: target.title } },
  });
  const mergeId = await repo.insertMerge(trx, {
    sourceId,
    targetId,
    actorId: actor.id,
    sourceStatus: source.status,
    sourceShippedInId: source.shipped_in_id === null ? null : String(source.shipped_in_id),
  });
  await repo.moveVotes(trx, mergeId, sourceId, targetId);
  await repo.moveReplies(trx, mergeId, sourceId, targetId);
  await repo.setMerged(trx, sourceId, { status: 'merged', mergedIntoId: targetId });
  await repo.recount(trx, [sourceId, targetId]);
  await status.insertStatusChange(trx, {
    suggestionId: sourceId,
    actorId: actor.id,
    from: source.status,
    to: 'merged',
    note: null,
  });
  return {
    source: await getSuggestion(trx, sourceId, actor.id),
    target: await getSuggestion(trx, targetId, actor.id),
    deliveries,
  };
}

/**
 * Undoes the merge in force for this suggestion: the recorded votes and replies
 * go back and the source gets its status from before the merge. The target must
 * not itself be merged since (unmerge that one first), so nothing is lost on the way.
 */
export async function unmerge(
  trx: Executor,
  actor: Actor,
  sourceId: string,
): Promise<Omit<MergeOutcome, 'deliveries'>> {
  const merge = await repo.findActiveMerge(trx, sourceId);
  if (!merge) {
    if (!(await status.suggestionExists(trx, sourceId))) throw notFound('Suggestion');
    throw new AppError(409, 'not_merged', 'This suggestion is not merged');
  }
  const targetId = String(merge.target_id);
  const { target } = await lockBoth(trx, sourceId, targetId);
  if (target.status === 'merged') {
    throw new AppError(
      409,
      'target_merged',
      `The suggestion it was merged into is merged too; unmerge ${targetId} first`,
    );
  }
  const mergeId = String(merge.id);
  await repo.restoreVotes(trx, mergeId, sourceId, targetId);
  await repo.restoreReplies(trx, mergeId, sourceId, targetId);
  await repo.setMerged(trx, sourceId, {
    status: merge.source_status,
    shippedInId: merge.source_shipped_in_id === null ? null : String(merge.source_shipped_in_id),
  });
  await repo.recount(trx, [sourceId, targetId]);
  await repo.finishUnmerge(trx, mergeId, actor.id);
  await status.insertStatusChange(trx, {
    suggestionId: sourceId,
    actorId: actor.id,
    from: 'merged',
    to: merge.source_status,
    note: null,
  });
  return {
    source: await getSuggestion(trx, sourceId, actor.id),
    target: await getSuggestion(trx, targetId, actor.id),
  };
}
