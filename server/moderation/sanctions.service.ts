import type { Kysely } from 'kysely';
import type { DB, Executor } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { appendAudit } from './audit.repository.ts';

type Actor = Express.User;

async function lockTarget(db: Executor, actor: Actor, userId: string) {
  if (actor.id === userId) throw forbidden('You cannot sanction yourself');
  const target = await db
    .selectFrom('users')
    .select(['id', 'role', 'banned_at', 'suspended_until'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!target) throw notFound('User');
  // Staff are answerable to an admin, not to a fellow moderator.
  if (target.role !== 'member' && actor.role !== 'admin') {
    throw forbidden('Only an admin may sanction team members and moderators');
  }
  if (target.role === 'admin')
    throw forbidden('Admins cannot be sanctioned; change their role first');
  return target;
}

/** Bans a user: writes refused, every session ended (the caller closes their sockets after commit). */
export async function ban(db: Kysely<DB>, actor: Actor, userId: string, reason: string) {
  await db.transaction().execute(async (trx) => {
    const target = await lockTarget(trx, actor, userId);
    if (target.banned_at) throw new AppError(409, 'already_banned', 'This user is already banned');
    await trx
      .updateTable('users')
      .set({ banned_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'user.ban',
      targetType: 'user',
      targetId: userId,
      reason,
    });
  });
}

export async function unban(db: Kysely<DB>, actor: Actor, userId: string, reason?: string) {
  await db.transaction().execute(async (trx) => {
    const target = await lockTarget(trx, actor, userId);
    if (!target.banned_at) throw new AppError(409, 'not_banned', 'This user is not banned');
    await trx.updateTable('users').set({ banned_at: null }).where('id', '=', userId).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'user.unban',
      targetType: 'user',
      targetId: userId,
      reason,
    });
  });
}

/** Suspends until a time: the user may read but not write; their sessions stay. */
export async function suspend(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  until: Date,
  reason: string,
) {
  await db.transaction().execute(async (trx) => {
    await lockTarget(trx, actor, userId);
    await trx
      .updateTable('users')
      .set({ suspended_until: until })
      .where('id', '=', userId)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'user.suspend',
      targetType: 'user',
      targetId: userId,
      reason,
      details: { until: until.toISOString() },
    });
  });
}

export async function unsuspend(db: Kysely<DB>, actor: Actor, userId: string, reason?: string) {
  await db.transaction().execute(async (trx) => {
    await lockTarget(trx, actor, userId);
    await trx
      .updateTable('users')
      .set({ suspended_until: null })
      .where('id', '=', userId)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'user.unsuspend',
      targetType: 'user',
      targetId: userId,
      reason,
    });
  });
}
