import type { Kysely } from 'kysely';
import { isModerator } from '../auth/guards.ts';
import type { Reply, ReplyView, Suggestion, SuggestionView } from '../contracts.ts';
import type { DB, Executor } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import * as replyRepo from '../replies/replies.repository.ts';
import { getReply, publicReply, replyViewFor } from '../replies/replies.service.ts';
import * as suggestionRepo from '../suggestions/suggestions.repository.ts';
import { getSuggestion, publicSuggestion, viewFor } from '../suggestions/suggestions.service.ts';
import { appendAudit } from './audit.repository.ts';
import type { Viewer } from './visibility.ts';

export type PostKind = 'suggestion' | 'reply';
type Actor = Express.User;
const TABLE = { suggestion: 'suggestions', reply: 'replies' } as const;

/** What a moderation action on a post answers (`post`, as the moderator sees it) and broadcasts (`shared`). */
export type PostOutcome =
  | { kind: 'suggestion'; post: SuggestionView; shared: Suggestion; created: boolean }
  | { kind: 'reply'; post: ReplyView; shared: Reply; created: boolean };

async function load(
  trx: Executor,
  kind: PostKind,
  id: string,
  actorId: string,
): Promise<PostOutcome> {
  if (kind === 'suggestion') {
    const post = await getSuggestion(trx, id, actorId, true);
    return { kind, post, shared: publicSuggestion(post), created: false };
  }
  const post = await getReply(trx, id, actorId, true);
  return { kind, post, shared: publicReply(post), created: false };
}

async function lockRow(trx: Executor, kind: PostKind, id: string) {
  const row = await trx
    .selectFrom(TABLE[kind])
    .select(['id', 'author_id', 'hidden_at', 'pending', 'deleted_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(kind === 'suggestion' ? 'Suggestion' : 'Reply');
  return row;
}

/** Hides (or shows again) a post; the reason goes to the audit log and to the author. */
export async function setHidden(
  db: Kysely<DB>,
  actor: Actor,
  kind: PostKind,
  id: string,
  hide: boolean,
  reason?: string,
) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRow(trx, kind, id);
    if (hide === (row.hidden_at !== null)) {
      throw new AppError(
        409,
        hide ? 'already_hidden' : 'not_hidden',
        hide ? 'It is already hidden' : 'It is not hidden',
      );
    }
    await trx
      .updateTable(TABLE[kind])
      .set(
        hide
          ? { hidden_at: new Date(), hidden_reason: reason ?? null }
          : { hidden_at: null, hidden_reason: null },
      )
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: `${kind}.${hide ? 'hide' : 'unhide'}`,
      targetType: kind,
      targetId: id,
      reason,
    });
    return load(trx, kind, id, actor.id);
  });
}

/** Locks a suggestion: no new replies or votes. */
export async function setSuggestionLocked(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  locked: boolean,
  reason?: string,
) {
  return db.transaction().execute(async (trx) => {
    await lockRow(trx, 'suggestion', id);
    await trx.updateTable('suggestions').set({ locked }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: `suggestion.${locked ? 'lock' : 'unlock'}`,
      targetType: 'suggestion',
      targetId: id,
      reason,
    });
    return load(trx, 'suggestion', id, actor.id);
  });
}

/**
 * Deletes a suggestion (its author or a moderator): the text goes, the
 * placeholder keeps its replies and votes where they are.
 */
export async function deleteSuggestion(db: Kysely<DB>, actor: Actor, id: string, reason?: string) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRow(trx, 'suggestion', id);
    if (String(row.author_id) !== actor.id && !isModerator(actor))
      throw forbidden('Only the author or a moderator may delete this');
    if (row.deleted_at) throw new AppError(409, 'deleted', 'It was deleted already');
    await trx
      .updateTable('suggestions')
      .set({ deleted_at: new Date(), title: '', body: '', body_html: '' })
      .where('id', '=', id)
      .execute();
    if (String(row.author_id) !== actor.id) {
      await appendAudit(trx, {
        actorId: actor.id,
        action: 'suggestion.delete',
        targetType: 'suggestion',
        targetId: id,
        reason,
      });
    }
    return load(trx, 'suggestion', id, actor.id);
  });
}

/** Releases a held post (it then appears live) or rejects it (it stays hidden, with the reason). */
export async function decidePending(
  db: Kysely<DB>,
  actor: Actor,
  kind: PostKind,
  id: string,
  approve: boolean,
  reason?: string,
) {
  return db.transaction().execute(async (trx): Promise<PostOutcome> => {
    const row = await lockRow(trx, kind, id);
    if (!row.pending) throw new AppError(409, 'not_pending', 'It is not waiting for approval');
    await trx
      .updateTable(TABLE[kind])
      .set(
        approve
          ? { pending: false }
          : { pending: false, hidden_at: new Date(), hidden_reason: reason ?? 'Not approved' },
      )
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: `${kind}.${approve ? 'approve' : 'reject'}`,
      targetType: kind,
      targetId: id,
      reason,
    });
    return { ...(await load(trx, kind, id, actor.id)), created: approve };
  });
}

/** Posts waiting for approval, oldest first (both kinds): one query each. */
export async function listPending(db: Executor, limit: number) {
  const moderator: Viewer = { id: null, moderator: true };
  const [suggestions, replies] = await Promise.all([
    suggestionRepo.listPending(db, limit),
    replyRepo.listPending(db, limit),
  ]);
  const items = [
    ...suggestions.map((row) => ({
      kind: 'suggestion' as const,
      post: viewFor(moderator)(row),
      at: row.created_at,
    })),
    ...replies.map((row) => ({
      kind: 'reply' as const,
      post: replyViewFor(moderator)(row),
      at: row.created_at,
    })),
  ];
  return items
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    .slice(0, limit)
    .map(({ kind, post }) => ({ kind, post }));
}
