import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { isModerator } from '../auth/guards.ts';
import type { User, UserProfile } from '../contracts.ts';
import type { DB, Role } from '../db/schema.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../moderation/audit.repository.ts';
import * as users from './users.repository.ts';

/** The signed-in user as the server keeps it on the request. */
export interface SessionUser extends User {
  suspendedUntil: Date | null;
  banned: boolean;
}

export function toUser(row: { id: string; handle: string; role: Role }): User {
  return { id: String(row.id), handle: row.handle, role: row.role };
}

export function toSessionUser(row: users.UserSummaryRow): SessionUser {
  return { ...toUser(row), suspendedUntil: row.suspended_until, banned: row.banned_at !== null };
}

// A hash of a random password, verified against when the login names nobody,
// so an unknown account costs the same time as a wrong password.
const decoyHash = hash(crypto.randomUUID());

export async function register(
  db: Kysely<DB>,
  input: { handle: string; email: string; password: string },
): Promise<SessionUser> {
  const taken = await users.handleOrEmailTaken(db, input.handle, input.email);
  if (taken.handle || taken.email) {
    const fields = [];
    if (taken.handle) fields.push({ path: 'body.handle', message: 'is already taken' });
    if (taken.email) fields.push({ path: 'body.email', message: 'is already registered' });
    throw conflict('That handle or email is already in use', { fields });
  }
  const passwordHash = await hash(input.password);
  const row = await db
    .transaction()
    .execute((trx) => users.insertUser(trx, { ...input, passwordHash }));
  return toSessionUser(row);
}

/** The user whose login and password match, or undefined; the same work either way. */
export async function authenticate(
  db: Kysely<DB>,
  login: string,
  password: string,
): Promise<SessionUser | undefined> {
  const row = await users.findByLogin(db, login);
  const ok = await verify(row?.password_hash ?? (await decoyHash), password);
  if (!row || !ok) return undefined;
  return toSessionUser(row);
}

export async function changeRole(
  db: Kysely<DB>,
  actor: User,
  targetId: string,
  role: Role,
): Promise<User> {
  if (actor.id === targetId) {
    throw forbidden('Admins cannot change their own role; ask another admin');
  }
  return db.transaction().execute(async (trx) => {
    const row = await users.updateRole(trx, targetId, role);
    if (!row) throw notFound('User');
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'user.role',
      targetType: 'user',
      targetId,
      details: { role },
    });
    return toUser(row);
  });
}

/** A member's public profile; moderators also see whether they are banned or suspended. */
export async function getProfile(
  db: Kysely<DB>,
  id: string,
  viewer: Express.User | undefined,
): Promise<UserProfile> {
  const row = await users.findProfile(db, id);
  if (!row) throw notFound('User');
  const profile: UserProfile = { ...toUser(row), createdAt: row.created_at.toISOString() };
  if (!isModerator(viewer)) return profile;
  return {
    ...profile,
    banned: row.banned_at !== null,
    suspendedUntil:
      row.suspended_until && row.suspended_until > new Date()
        ? row.suspended_until.toISOString()
        : null,
  };
}
