import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { roleBody } from './users.schemas.ts';
import { changeRole, getProfile } from './users.service.ts';

interface Deps {
  db: Kysely<DB>;
  /** Applies a changed role to the user's open sockets (realtime.refreshUser). */
  onUserChanged?: (userId: string) => Promise<void>;
}

export function userRoutes({ db, onUserChanged }: Deps): Router {
  const router = Router();

  const profile = validate({ params: idParams });
  router.get('/:id', profile, async (req, res) => {
    res.json({ user: await getProfile(db, profile.input(req).params.id, req.user) });
  });

  const roleInput = validate({ params: idParams, body: roleBody });
  router.patch('/:id/role', requireRole('admin'), roleInput, async (req, res) => {
    const { params, body } = roleInput.input(req);
    const user = await changeRole(db, currentUser(req), params.id, body.role);
    await onUserChanged?.(user.id);
    res.json({ user });
  });

  return router;
}
