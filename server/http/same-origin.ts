import type { RequestHandler } from 'express';
import { forbidden } from '../errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for cookie sessions: an unsafe request whose Origin is not ours,
 * or that the browser marks `Sec-Fetch-Site: cross-site`, is refused. A request
 * with neither header (curl, an API client) carries no ambient browser cookie risk.
 */
export function sameOriginOnly(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    if (req.get('sec-fetch-site') === 'cross-site') throw forbidden('Cross-site request refused');
    const origin = req.get('origin');
    if (origin === undefined) return next();
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== own && !allowed.has(origin)) throw forbidden('Cross-origin request refused');
    next();
  };
}

/** The origins besides the request's own that may make unsafe requests: ALLOWED_ORIGINS and PUBLIC_URL's. */
export function allowedOrigins(config: {
  ALLOWED_ORIGINS: readonly string[];
  PUBLIC_URL?: string | undefined;
}): string[] {
  return [
    ...config.ALLOWED_ORIGINS,
    ...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : []),
  ];
}

/** The same check for a socket.io handshake (its Origin header, if any). */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
