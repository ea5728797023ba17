/**
 * The live connection. socket.io-client is loaded on first use (a dynamic
 * import keeps it out of the first bundle); screens `watch` the rooms they
 * show and name what to refetch when the connection comes back without the
 * events it missed.
 *
 * Reconnect: the server keeps a disconnected socket's rooms and missed events
 * for two minutes (connection-state recovery). When `socket.recovered` is true
 * there is nothing to do; otherwise rooms are joined again and, after a small
 * random delay (so a restarted server is not hit by every client at once),
 * each screen refetches what it shows.
 */
import { signal } from '@preact/signals';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts.ts';

type ForumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Listeners = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

/** idle: never needed; connecting; live; offline: the server closed us and will not take us back. */
export const connection = signal<'idle' | 'connecting' | 'live' | 'offline'>('idle');
/** Rooms joined right now (acknowledged by the server). */
export const joinedRooms = signal<ReadonlySet<string>>(new Set());
/** Readers per room, as last announced by the server. */
export const presence = signal<Readonly<Record<string, number>>>({});

interface Watcher {
  rooms: string[];
  listeners: Listeners;
  onStale: () => void;
}

const watchers = new Set<Watcher>();
const roomCounts = new Map<string, number>();
const roomWaiters = new Map<string, (() => void)[]>();
let socketPromise: Promise<ForumSocket> | undefined;
let current: ForumSocket | undefined;
let connectedBefore = false;
let staleTimer: ReturnType<typeof setTimeout> | undefined;
let lastRetry = 0;

function load(): Promise<ForumSocket> {
  socketPromise ??= import('socket.io-client').then(({ io }) => {
    const socket: ForumSocket = io({ withCredentials: true });
    current = socket;
    connection.value = 'connecting';
    socket.on('connect', () => {
      connection.value = 'live';
      if (socket.recovered) {
        // Same rooms, missed events replayed by the server.
        setJoined([...roomCounts.keys()]);
      } else {
        setJoined([]);
        for (const room of roomCounts.keys()) join(socket, room);
        if (connectedBefore) scheduleStale();
      }
      connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      setJoined([]);
      presence.value = {};
      if (reason !== 'io server disconnect') {
        connection.value = 'connecting';
        return;
      }
      // The server ended this socket on purpose (a session that ended, a ban): socket.io will
      // not retry by itself. Try once more a little later, at most twice a minute, as a visitor.
      connection.value = 'offline';
      if (Date.now() - lastRetry > 30_000) {
        lastRetry = Date.now();
        setTimeout(() => socket.connect(), 500 + Math.random() * 1500);
      }
    });
    socket.on('presence', ({ room, count }) => {
      presence.value = { ...presence.value, [room]: count };
    });
    for (const watcher of watchers) attach(socket, watcher);
    return socket;
  });
  return socketPromise;
}

function setJoined(rooms: string[]) {
  joinedRooms.value = new Set(rooms);
  for (const room of rooms) {
    for (const resolve of roomWaiters.get(room) ?? []) resolve();
    roomWaiters.delete(room);
  }
}

function join(socket: ForumSocket, room: string) {
  socket.emit('subscribe', { room }, (answer) => {
    if (!roomCounts.has(room)) return;
    if ('ok' in answer) {
      setJoined([...joinedRooms.value, room]);
      return;
    }
    // Refused (a room that does not exist, too many rooms): the screen goes on without it.
    for (const resolve of roomWaiters.get(room) ?? []) resolve();
    roomWaiters.delete(room);
  });
}

function scheduleStale() {
  if (staleTimer) clearTimeout(staleTimer);
  staleTimer = setTimeout(
    () => {
      staleTimer = undefined;
      for (const watcher of watchers) watcher.onStale();
    },
    250 + Math.random() * 1250,
  );
}

/** The listeners as socket.io's untyped emitter sees them (the map above keeps them typed). */
type Untyped = { on(event: string, fn: unknown): void; off(event: string, fn: unknown): void };

function attach(socket: ForumSocket, watcher: Watcher) {
  for (const [event, listener] of Object.entries(watcher.listeners)) {
    (socket as unknown as Untyped).on(event, listener);
  }
}

function detach(socket: ForumSocket, watcher: Watcher) {
  for (const [event, listener] of Object.entries(watcher.listeners)) {
    (socket as unknown as Untyped).off(event, listener);
  }
}

export interface Watch {
  /** Resolves once every room is joined; resolves `false` after `timeoutMs` if not. */
  joined(timeoutMs?: number): Promise<boolean>;
  stop(): void;
}

/**
 * Joins rooms and listens to events for as long as a screen shows them.
 * `onStale` is called when the connection came back without its missed events.
 */
export function watch(rooms: string[], listeners: Listeners, onStale: () => void): Watch {
  const watcher: Watcher = { rooms, listeners, onStale };
  watchers.add(watcher);
  for (const room of rooms) {
    const count = roomCounts.get(room) ?? 0;
    roomCounts.set(room, count + 1);
    if (count === 0 && current?.connected) join(current, room);
  }
  if (current) attach(current, watcher);
  else void load();

  const allJoined = Promise.all(
    rooms.map(
      (room) =>
        new Promise<void>((resolve) => {
          if (joinedRooms.value.has(room)) resolve();
          else roomWaiters.set(room, [...(roomWaiters.get(room) ?? []), resolve]);
        }),
    ),
  ).then(() => true);

  return {
    joined(timeoutMs) {
      if (timeoutMs === undefined) return allJoined;
      return Promise.race([
        allJoined,
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
      ]);
    },
    stop() {
      watchers.delete(watcher);
      if (current) detach(current, watcher);
      for (const room of rooms) {
        const count = (roomCounts.get(room) ?? 1) - 1;
        if (count > 0) {
          roomCounts.set(room, count);
          continue;
        }
        roomCounts.delete(room);
        roomWaiters.delete(room);
        if (current?.connected) current.emit('unsubscribe', { room }, () => {});
        const joined = new Set(joinedRooms.value);
        joined.delete(room);
        joinedRooms.value = joined;
      }
    },
  };
}

/** True when the socket is up: a screen may then join before it fetches. */
export const isLive = (): boolean => current?.connected === true;

/**
 * After signing in or out the socket must shake hands again, so the server
 * sees the new session (and its user room).
 */
export function renewConnection(): void {
  if (!current) return;
  if (current.connected) current.disconnect();
  current.connect();
}
