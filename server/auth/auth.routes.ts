import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { consume, limitBy, type RateLimiters } from '../http/rate-limit.ts';
import { validate } from '../http/validate.ts';
import { register, toUser } from '../users/users.service.ts';
import { loginBody, registerBody } from './auth.schemas.ts';
import { currentUser, requireUser } from './guards.ts';
import type { PassportInstance } from './passport.ts';
import { SESSION_COOKIE } from './session.ts';

interface Deps {
  db: Kysely<DB>;
  passport: PassportInstance;
  limiters: RateLimiters;
  /** Called after logout with the ended session id (closes its sockets). */
  onSessionEnded?: (sessionId: string) => void;
}

const BAD_LOGIN = new AppError(401, 'invalid_credentials', 'Wrong login or password');

export function authRoutes({ db, passport, limiters, onSessionEnded }: Deps): Router {
  const router = Router();

  const registerInput = validate({ body: registerBody });
  router.post(
    '/register',
    limitBy(limiters.registrations, (req) => req.ip ?? 'unknown'),
    registerInput,
    async (req, res) => {
      const user = await register(db, registerInput.input(req).body);
      await signIn(req, user);
      res.status(201).json({ user: toUser(user) });
    },
  );

  const loginInput = validate({ body: loginBody });
  router.post('/login', loginInput, async (req, res) => {
    const { login } = loginInput.input(req).body;
    const key = login.toLowerCase();
    const spent = await limiters.loginFailures.get(key);
    if (spent && spent.remainingPoints <= 0) await consume(limiters.loginFailures, key);
    const user = await authenticateLocal(passport, req);
    if (!user) {
      await consume(limiters.loginFailures, key);
      throw BAD_LOGIN;
    }
    await limiters.loginFailures.delete(key);
    if (user.banned) throw new AppError(403, 'banned', 'This account is banned');
    await signIn(req, user);
    res.json({ user: toUser(user) });
  });

  router.post('/logout', requireUser, async (req, res) => {
    const sessionId = req.sessionID;
    await new Promise<void>((resolve, reject) =>
      req.logout({ keepSessionInfo: true }, (err) => (err ? reject(err) : resolve())),
    );
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err) => (err ? reject(err) : resolve())),
    );
    onSessionEnded?.(sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}

export function meRoutes(): Router {
  const router = Router();
  router.get('/', requireUser, (req, res) => {
    res.json({ user: toUser(currentUser(req)) });
  });
  return router;
}

function authenticateLocal(
  passport: PassportInstance,
  req: Request,
): Promise<Express.User | undefined> {
  return new Promise((resolve, reject) => {
    passport.authenticate(
      'local',
      { session: false },
      (err: unknown, user: Express.User | false) => {
        if (err) reject(err);
        else resolve(user || undefined);
      },
    )(req, req.res!, reject);
  });
}

/** Signs in on a fresh session id (passport regenerates it), noting the time for the absolute timeout. */
function signIn(req: Request, user: Express.User): Promise<void> {
  return new Promise((resolve, reject) =>
    req.login(user, (err) => {
      if (err) return reject(err);
      req.session.signedInAt = Date.now();
      resolve();
    }),
  );
}
