import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Config } from '../config.ts';
import type { KyselySessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'forum.sid';

declare module 'express-session' {
  interface SessionData {
    /** When the user signed in (ms); past SESSION_ABSOLUTE_MINUTES the session ends. */
    signedInAt?: number;
  }
}

/**
 * The cookie session, shared by HTTP and the socket.io handshake. The cookie is
 * HttpOnly and SameSite=Lax, Secure when the request came over HTTPS (through
 * a trusted proxy), and its idle expiry rolls forward with use.
 */
export function createSessionMiddleware(config: Config, store: KyselySessionStore): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    store,
    secret: config.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.TRUST_PROXY !== false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      maxAge: config.SESSION_IDLE_MINUTES * 60_000,
    },
  });
}

/** Ends a session that has outlived the absolute limit, however active it was. */
export function absoluteTimeout(config: Config): RequestHandler {
  const limitMs = config.SESSION_ABSOLUTE_MINUTES * 60_000;
  return (req, _res, next) => {
    const signedInAt = req.session?.signedInAt;
    if (signedInAt === undefined || Date.now() - signedInAt < limitMs) return next();
    // A fresh, empty session (not none): what runs next expects one.
    req.session.regenerate((err) => next(err));
  };
}
