import { sql } from 'kysely';
import { io, type Socket } from 'socket.io-client';
import type { Notification, Page } from '../../server/contracts.ts';
import type { DB } from '../../server/db/schema.ts';
import type { TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/client.ts';
import { type Person, uniqueHandle } from '../helpers/factories.ts';

/** A real socket.io client that keeps every event it receives. */
export interface Listener {
  socket: Socket;
  events: { event: string; payload: unknown }[];
  close(): void;
}

export async function listen(baseUrl: string, who?: Client): Promise<Listener> {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: who?.cookie ? { cookie: who.cookie } : {},
  });
  const events: Listener['events'] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events, close: () => socket.close() };
}

export async function join(listener: Listener, room: string): Promise<void> {
  const ack = (await listener.socket.timeout(5_000).emitWithAck('subscribe', { room })) as {
    ok?: boolean;
  };
  if (!ack.ok) throw new Error(`could not join ${room}`);
}

/** Polls until the check passes (or fails after `ms`). */
export async function eventually<T>(check: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function vote(person: Person, suggestionId: string): Promise<void> {
  const res = await person.client.put(`/api/suggestions/${suggestionId}/vote`);
  if (res.status !== 200) throw new Error(`vote failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function notificationsOf(person: Person): Promise<Notification[]> {
  const res = await person.client.get<Page<Notification>>('/api/notifications?limit=100');
  if (res.status !== 200) throw new Error(`notifications failed: ${res.status}`);
  return res.body.items;
}

/**
 * `count` members who voted for the suggestion, written straight in SQL (fast),
 * with the counter moved as the app would. Returns their ids.
 */
export async function addVoters(app: TestApp, suggestionId: string, count: number) {
  const db = app.database.db;
  const prefix = uniqueHandle('bulk').slice(0, 24);
  const { rows } = await sql<{ id: string }>`
    INSERT INTO users (handle, email, password_hash)
    SELECT ${prefix} || g, ${prefix} || g || '@example.test', 'x' FROM generate_series(1, ${count}::int) g
    RETURNING id`.execute(db);
  const ids = rows.map((row) => String(row.id));
  await sql`INSERT INTO suggestion_votes (suggestion_id, user_id)
    SELECT ${suggestionId}, unnest(${ids}::bigint[])`.execute(db);
  await sql`UPDATE suggestions SET vote_count = vote_count + ${count}::int WHERE id = ${suggestionId}`.execute(
    db,
  );
  return ids;
}

export type { DB };
