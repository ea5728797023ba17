import { z } from 'zod';
import { LIMITS } from '../contracts.ts';
import { line } from '../http/schemas.ts';

/** POST /api/auth/register. Any other field (a role, say) is ignored. */
export const registerBody = z.object({
  /** Letters, digits, `_`, `-` and `.`; compared without case. */
  handle: line(LIMITS.handleMax, LIMITS.handleMin).pipe(
    z.string().regex(/^[\p{L}\p{N}_.-]+$/u, 'may contain only letters, digits, _ . and -'),
  ),
  email: z.string().trim().max(254).pipe(z.email('must be an email address')),
  password: z
    .string()
    .min(LIMITS.passwordMin, `must be at least ${LIMITS.passwordMin} characters`)
    .max(LIMITS.passwordMax, `must be at most ${LIMITS.passwordMax} characters`),
});
export type RegisterBody = z.infer<typeof registerBody>;

/** POST /api/auth/login: `login` is a handle or an email. */
export const loginBody = z.object({
  login: z.string().trim().min(1, 'must not be empty').max(254),
  password: z.string().min(1, 'must not be empty').max(LIMITS.passwordMax),
});
