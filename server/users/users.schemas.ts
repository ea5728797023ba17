import { z } from 'zod';
import { ROLES } from '../contracts.ts';

/** PATCH /api/users/:id/role */
export const roleBody = z.object({ role: z.enum(ROLES) });
