import { sql, type Transaction } from 'kysely';
import type { DB, Executor, Role, UserRow } from '../db/schema.ts';

export const userColumns = ['id', 'handle', 'role', 'banned_at', 'suspended_until'] as const;
export type UserSummaryRow = Pick<UserRow, (typeof userColumns)[number]>;

export async function findByLogin(db: Executor, login: string): Promise<UserRow | undefined> {
  const key = login.toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['handle']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]),
    )
    .executeTakeFirst();
}

export async function findSummaryById(
  db: Executor,
  id: string,
): Promise<UserSummaryRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function handleOrEmailTaken(
  db: Executor,
  handle: string,
  email: string,
): Promise<{ handle: boolean; email: boolean }> {
  const rows = await db
    .selectFrom('users')
    .select(['handle', 'email'])
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['handle']), '=', handle.toLowerCase()),
        eb(eb.fn('lower', ['email']), '=', email.toLowerCase()),
      ]),
    )
    .execute();
  return {
    handle: rows.some((row) => row.handle.toLowerCase() === handle.toLowerCase()),
    email: rows.some((row) => row.email.toLowerCase() === email.toLowerCase()),
  };
}

/**
 * Inserts a user; the first account on an empty database is the admin. The
 * advisory lock makes two simultaneous first registrations take turns.
 */
export async function insertUser(
  trx: Transaction<DB>,
  user: { handle: string; email: string; passwordHash: string },
): Promise<UserSummaryRow> {
  await sql`SELECT pg_advisory_xact_lock(728001)`.execute(trx);
  const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return trx
    .insertInto('users')
    .values({
      handle: user.handle,
      email: user.email,
      password_hash: user.passwordHash,
      role: existing ? 'member' : 'admin',
    })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

export async function updateRole(db: Executor, id: string, role: Role) {
  return db
    .updateTable('users')
    .set({ role })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirst();
}

export async function findProfile(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
