import type { Request, RequestHandler } from 'express';
import type { Role } from '../contracts.ts';
import { forbidden, unauthorized } from '../errors.ts';

/** The signed-in user, or a 401. */
export function currentUser(req: Request): Express.User {
  if (!req.user) throw unauthorized();
  return req.user;
}

function refuseSuspendedWrites(req: Request, user: Express.User) {
  if (req.method === 'GET' || !user.suspendedUntil) return;
  if (user.suspendedUntil.getTime() > Date.now()) {
    throw forbidden(`Your account is suspended until ${user.suspendedUntil.toISOString()}`);
  }
}

/** Who a guard lets through; the OpenAPI document reads it from the route table. */
export type Guard = RequestHandler & { roles: readonly Role[] | 'signedIn' };

/** Signed in (401 otherwise); a suspended account may read but not write. */
export const requireUser: Guard = Object.assign<RequestHandler, Pick<Guard, 'roles'>>(
  (req, _res, next) => {
    refuseSuspendedWrites(req, currentUser(req));
    next();
  },
  { roles: 'signedIn' },
);

/** Signed in with one of the roles; admins pass every role check. */
export function requireRole(...roles: Role[]): Guard {
  const guard: RequestHandler = (req, _res, next) => {
    const user = currentUser(req);
    if (user.role !== 'admin' && !roles.includes(user.role)) throw forbidden();
    refuseSuspendedWrites(req, user);
    next();
  };
  return Object.assign(guard, { roles });
}

/** Moderators and admins: who may see and act on hidden and held posts. */
export const isModerator = (user: { role: Role } | undefined) =>
  user !== undefined && (user.role === 'moderator' || user.role === 'admin');

/** Team, moderators and admins: staff who may edit others' posts. */
export const isStaff = (user: Express.User | undefined) =>
  user !== undefined &&
  (user.role === 'team' || user.role === 'moderator' || user.role === 'admin');
