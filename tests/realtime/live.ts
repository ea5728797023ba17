import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { vi } from 'vitest';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
} from '../../server/contracts.ts';
import type { Client } from '../helpers/client.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One event as a socket received it. */
export interface Received {
  event: string;
  payload: Record<string, unknown>;
}

/** A socket with every event it receives kept in order. */
export interface Watcher {
  socket: LiveSocket;
  events: Received[];
  /** The payloads of one event, in order. */
  of(event: string): Record<string, unknown>[];
}

type Options = Partial<ManagerOptions & SocketOptions>;

/**
 * A real socket.io client, connected (or rejected) before this resolves. It
 * sends the person's session cookie when given one, uses websocket only (so a
 * test sees one connection), and does not reconnect unless a test asks.
 */
export async function connect(
  baseUrl: string,
  who?: Client,
  options: Options = {},
): Promise<Watcher> {
  const headers: Record<string, string> = { ...(options.extraHeaders ?? {}) };
  if (who?.cookie) headers.cookie = who.cookie;
  const socket: LiveSocket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
    ...options,
    extraHeaders: headers,
  });
  const watcher = watch(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  return watcher;
}

export function watch(socket: LiveSocket): Watcher {
  const events: Received[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => {
    events.push({ event, payload });
  });
  return {
    socket,
    events,
    of: (event) => events.filter((e) => e.event === event).map((e) => e.payload),
  };
}

export function subscribe(watcher: Watcher, room: unknown): Promise<SubscribeAck> {
  return watcher.socket.timeout(5_000).emitWithAck('subscribe', { room } as { room: string });
}

export function unsubscribe(watcher: Watcher, room: string): Promise<SubscribeAck> {
  return watcher.socket.timeout(5_000).emitWithAck('unsubscribe', { room });
}

/** Waits until the watcher has received an event that matches; returns it. */
export async function received(
  watcher: Watcher,
  event: string,
  matches: (payload: Record<string, unknown>) => boolean = () => true,
  timeout = 10_000,
): Promise<Record<string, unknown>> {
  return vi.waitFor(
    () => {
      const found = watcher.of(event).find(matches);
      if (!found) throw new Error(`no ${event} yet`);
      return found;
    },
    { timeout, interval: 10 },
  );
}

/** Resolves with the reason once the socket is disconnected. */
export function disconnected(watcher: Watcher, timeout = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!watcher.socket.connected) return resolve('already disconnected');
    const timer = setTimeout(() => reject(new Error('still connected')), timeout);
    watcher.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The latest presence count a watcher saw for a room. */
export function lastPresence(watcher: Watcher, room: string): number | undefined {
  return watcher
    .of('presence')
    .filter((p) => p.room === room)
    .at(-1)?.count as number | undefined;
}

/** Retries an assertion until it holds (10 s by default: the machine may be loaded). */
export function eventually<T>(assertion: () => T | Promise<T>, timeout = 10_000): Promise<T> {
  return vi.waitFor(assertion, { timeout, interval: 20 });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Closes the watchers' sockets (afterEach). */
export function closeAll(watchers: Watcher[]): void {
  for (const watcher of watchers.splice(0)) watcher.socket.close();
}
