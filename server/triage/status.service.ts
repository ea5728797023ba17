import { z } from 'zod';
import type {
  Page,
  ReplyView,
  StatusChange,
  SuggestionStatus,
  SuggestionView,
} from '../contracts.ts';
import type { Executor } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { author, iso } from '../http/dto.ts';
import { type Delivery, excerpt, notifyFollowers } from '../notifications/notifications.service.ts';
import { createReply } from '../replies/replies.service.ts';
import * as suggestions from '../suggestions/suggestions.repository.ts';
import { getSuggestion, toSuggestionView } from '../suggestions/suggestions.service.ts';
import * as queue from './queue.repository.ts';
import * as repo from './status.repository.ts';

type Actor = { id: string; handle: string };

export interface StatusOutcome {
  suggestion: SuggestionView;
  /** null when nothing changed (same status, no note): no history, no notifications. */
  change: StatusChange | null;
  deliveries: Delivery[];
}

/**
 * Sets a suggestion's status, keeps the change in its history and notifies its
 * followers, all in the caller's transaction. A merged suggestion is unmerged,
 * not re-statused. The same status with a note is a public progress update.
 */
export async function changeStatus(
  trx: Executor,
  actor: Actor,
  id: string,
  input: { status: SuggestionStatus; note?: string | undefined },
): Promise<StatusOutcome> {
  const current = await suggestions.findForUpdate(trx, id);
  if (!current) throw notFound('Suggestion');
  if (current.status === 'merged') {
    throw new AppError(409, 'merged', 'This suggestion is merged; unmerge it to change its status');
  }
  const note = input.note ?? null;
  if (current.status === input.status && note === null) {
    return { suggestion: await getSuggestion(trx, id, actor.id), change: null, deliveries: [] };
  }
  await repo.setStatus(trx, id, input.status);
  const row = await repo.insertStatusChange(trx, {
    suggestionId: id,
    actorId: actor.id,
    from: current.status,
    to: input.status,
    note,
  });
  const deliveries = await notifyFollowers(trx, {
    kind: 'status',
    suggestionId: id,
    actor,
    data: { suggestionTitle: current.title, from: current.status, to: input.status, note },
  });
  const change: StatusChange = {
    id: String(row.id),
    suggestionId: id,
    from: current.status,
    to: input.status,
    note,
    actor: { id: actor.id, handle: actor.handle },
    createdAt: iso(row.created_at),
  };
  return { suggestion: await getSuggestion(trx, id, actor.id), change, deliveries };
}

export async function listHistory(db: Executor, suggestionId: string): Promise<StatusChange[]> {
  const rows = await repo.listStatusChanges(db, suggestionId);
  return rows.map((row) => ({
    id: String(row.id),
    suggestionId: String(row.suggestion_id),
    from: row.from_status,
    to: row.to_status,
    note: row.note,
    actor: author(row),
    createdAt: iso(row.created_at),
  }));
}

/** Posts the team's official response as a marked reply and tells the followers. */
export async function postOfficialResponse(
  trx: Executor,
  actor: Actor,
  suggestionId: string,
  body: string,
): Promise<{ reply: ReplyView; deliveries: Delivery[] }> {
  const reply = await createReply(trx, suggestionId, actor.id, { body });
  await repo.markOfficial(trx, reply.id);
  const title = (await suggestions.findSuggestion(trx, suggestionId, null))?.title ?? '';
  const deliveries = await notifyFollowers(trx, {
    kind: 'response',
    suggestionId,
    actor,
    data: { suggestionTitle: title, replyId: reply.id, excerpt: excerpt(body) },
  });
  return { reply: { ...reply, official: true }, deliveries };
}

const cursorKey = z.number().int().nonnegative();

export async function listAwaiting(
  db: Executor,
  viewerId: string,
  query: { announcementId?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<SuggestionView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await queue.listAwaiting(db, {
    announcementId: query.announcementId,
    limit: query.limit,
    after,
    viewerId,
  });
  const items = rows.slice(0, query.limit).map(toSuggestionView);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(last.voteCount, last.id) : null;
  return { items, nextCursor };
}
