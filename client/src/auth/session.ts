/**
 * Who is signed in. `user` is undefined until /api/me has answered, null for
 * a visitor. Signing in or out renews the live connection (the socket learns
 * the session at its handshake) and bumps `authEpoch`, which screens use to
 * refetch their per-viewer fields (your votes).
 */
import { signal } from '@preact/signals';
import type { Role, User } from '../contracts.ts';
import { api, get } from '../lib/api.ts';
import { renewConnection } from '../live/socket.ts';

export const user = signal<User | null | undefined>(undefined);
export const authEpoch = signal(0);

export async function loadMe(): Promise<void> {
  try {
    user.value = (await get<{ user: User }>('/me')).user;
  } catch {
    // 401 for a visitor; any other failure also leaves the reader signed out, able to read.
    user.value = null;
  }
}

function changed(next: User | null) {
  user.value = next;
  authEpoch.value++;
  renewConnection();
}

export async function signIn(login: string, password: string): Promise<void> {
  changed((await api<{ user: User }>('POST', '/auth/login', { body: { login, password } })).user);
}

export async function register(input: {
  handle: string;
  email: string;
  password: string;
}): Promise<void> {
  changed((await api<{ user: User }>('POST', '/auth/register', { body: input })).user);
}

export async function signOut(): Promise<void> {
  await api<void>('POST', '/auth/logout');
  changed(null);
}

/** Team and staff tools show for these roles; admins pass every check. */
export const hasRole = (current: User | null | undefined, ...roles: Role[]): boolean =>
  !!current && (current.role === 'admin' || roles.includes(current.role));

export const isAuthor = (current: User | null | undefined, authorId: string | undefined) =>
  !!current && current.id === authorId;

/** Moderators and a post's author see it when hidden or held (marked); others see a placeholder. */
export const seesHidden = (current: User | null | undefined, authorId: string | undefined) =>
  !!current &&
  (current.role === 'moderator' || current.role === 'admin' || current.id === authorId);
