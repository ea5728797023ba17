import type { Kysely } from 'kysely';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { DB } from '../db/schema.ts';
import * as users from '../users/users.repository.ts';
import { authenticate, type SessionUser, toSessionUser } from '../users/users.service.ts';

declare global {
  namespace Express {
    interface User extends SessionUser {}
  }
}

/**
 * A passport instance of our own (not the global singleton, so several apps can
 * live in one process, as the tests do). The session keeps only the user id;
 * each request reloads the user, so a role change or a ban applies at once.
 */
export type PassportInstance = InstanceType<typeof Passport>;

export function createPassport(db: Kysely<DB>): PassportInstance {
  const passport = new Passport();
  passport.use(
    new LocalStrategy(
      { usernameField: 'login', passwordField: 'password' },
      (login, password, done) => {
        authenticate(db, login, password).then((user) => done(null, user ?? false), done);
      },
    ),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: string, done) => {
    users.findSummaryById(db, id).then((row) => {
      if (!row || row.banned_at) return done(null, false);
      done(null, toSessionUser(row));
    }, done);
  });
  return passport;
}
