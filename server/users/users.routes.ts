import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { roleBody } from './users.schemas.ts';
import { changeRole } from './users.service.ts';

export function userRoutes({ db }: { db: Kysely<DB> }): Router {
  const router = Router();

  const roleInput = validate({ params: idParams, body: roleBody });
  router.patch('/:id/role', requireRole('admin'), roleInput, async (req, res) => {
    const { params, body } = roleInput.input(req);
    const user = await changeRole(db, currentUser(req), params.id, body.role);
    res.json({ user });
  });

  return router;
}
