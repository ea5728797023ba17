import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import type { SubscribeAck } from '../contracts.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import type { Presence } from './presence.ts';
import { findRoomTarget, type RoomTarget } from './rooms.repository.ts';
import { isPublicRoom, isUserRoom, type PublicRoom, parsePublicRoom, rooms } from './rooms.ts';
import type { ForumSocket, SocketData } from './types.ts';

export interface SocketLimits {
  /** Public rooms one socket may be in at once (a page watches one announcement and a few suggestions). */
  roomsPerSocket: number;
  /**
   * Events a socket may send per second on average, and in one burst. The burst
   * covers a reconnect that joins every room again at once.
   */
  eventsPerSecond: number;
  eventBurst: number;
  /** Refused events in a row after which the socket is closed. */
  refusalsBeforeClose: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  roomsPerSocket: 50,
  eventsPerSecond: 10,
  eventBurst: 60,
  refusalsBeforeClose: 50,
};

interface Deps {
  db: Kysely<DB>;
  logger: Logger;
  presence: Presence;
  limits: SocketLimits;
}

const refusal = (code: string, message: string): SubscribeAck => ({ error: { code, message } });
const OK: SubscribeAck = { ok: true };
const INVALID_ROOM = refusal('invalid_room', 'A room is announcement:<id> or suggestion:<id>');
const NOT_FOUND = refusal('not_found', 'There is nothing to watch in that room');
const INTERNAL = refusal('internal', 'Something went wrong');

/** The handshake request after the session and passport middlewares ran on it. */
type HandshakeRequest = IncomingMessage & { user?: Express.User; sessionID?: string };

/** Keys a session id for logout without sending the id itself between instances. */
export const sessionKey = (sessionId: string) =>
  createHash('sha256').update(sessionId).digest('base64url').slice(0, 22);

/**
 * Sets up one connected socket: who it is (from this handshake only), its user
 * room, the event budget, and subscribe / unsubscribe. Every handler catches
 * its own errors: one bad message must not take the process down.
 */
export function setUpSocket(socket: ForumSocket, { db, logger, presence, limits }: Deps): void {
  const request = socket.request as HandshakeRequest;
  const user = request.user;
  const ownRoom = user ? rooms.user(user.id) : undefined;
  // A recovered socket comes back with the rooms and data of its last connection;
  // the session may have ended since (logout, ban), so only this handshake counts.
  for (const room of socket.rooms) {
    if (isUserRoom(room) && room !== ownRoom) void socket.leave(room);
  }
  socket.data = user
    ? { userId: user.id, role: user.role, sessionKey: sessionKey(request.sessionID ?? '') }
    : {};
  if (ownRoom) void socket.join(ownRoom);
  // The handshake request lives as long as the socket; socket.data now holds what
  // we need of the session it carried, so let the session objects go (memory per socket).
  for (const key of ['session', 'user', 'sessionStore', 'sessionID', '_passport', 'res']) {
    Reflect.deleteProperty(request, key);
  }
  if (socket.recovered) presence.touch(socket.rooms);

  const allowed = tokenBucket(limits.eventsPerSecond, limits.eventBurst);
  let refusedInARow = 0;
  socket.use((packet, next) => {
    if (allowed()) {
      refusedInARow = 0;
      next();
      return;
    }
    refusedInARow += 1;
    if (refusedInARow >= limits.refusalsBeforeClose) {
      logger.warn({ socket: socket.id }, 'socket closed: too many events');
      socket.disconnect(true);
      return;
    }
    answer(packet.at(-1), refusal('rate_limited', 'Too many messages; slow down'));
  });

  const publicRoomCount = () => [...socket.rooms].filter(isPublicRoom).length;

  const subscribe = async (payload: unknown): Promise<SubscribeAck> => {
    const room = parsePublicRoom(roomOf(payload));
    if (!room) return INVALID_ROOM;
    if (socket.rooms.has(room.name)) return OK;
    const full = refusal(
      'too_many_rooms',
      `A connection may watch at most ${limits.roomsPerSocket} rooms; unsubscribe from some first`,
    );
    if (publicRoomCount() >= limits.roomsPerSocket) return full;
    if (!(await canWatch(db, room, socket.data))) return NOT_FOUND;
    // Checked again: other subscribes may have finished while this one waited.
    if (!socket.connected) return INTERNAL;
    if (publicRoomCount() >= limits.roomsPerSocket) return full;
    await socket.join(room.name);
    presence.touch([room.name]);
    return OK;
  };

  const unsubscribe = async (payload: unknown): Promise<SubscribeAck> => {
    const room = parsePublicRoom(roomOf(payload));
    if (!room) return INVALID_ROOM;
    if (socket.rooms.has(room.name)) {
      await socket.leave(room.name);
      presence.touch([room.name]);
    }
    return OK;
  };

  const handle = (work: () => Promise<SubscribeAck>, ack: unknown) => {
    work().then(
      (result) => answer(ack, result),
      (err: unknown) => {
        logger.error({ err, socket: socket.id }, 'socket event failed');
        answer(ack, INTERNAL);
      },
    );
  };
  socket.on('subscribe', (payload, ack) => handle(() => subscribe(payload), ack));
  socket.on('unsubscribe', (payload, ack) => handle(() => unsubscribe(payload), ack));
  socket.on('disconnecting', () => presence.touch(socket.rooms));
  socket.on('error', (err) => logger.warn({ err, socket: socket.id }, 'socket error'));
}

/**
 * Whether this viewer may watch the room: its announcement or suggestion must
 * exist, and a suggestion out of public view (hidden, held for approval,
 * deleted) is watched only by its author and moderators, as over HTTP.
 */
export async function canWatch(
  db: Kysely<DB>,
  room: PublicRoom,
  viewer: SocketData,
): Promise<boolean> {
  return mayWatch(await findRoomTarget(db, room.kind, room.id), viewer);
}

export function mayWatch(target: RoomTarget | undefined, viewer: SocketData): boolean {
  if (!target) return false;
  if (!target.restricted) return true;
  return (
    viewer.role === 'moderator' || viewer.role === 'admin' || viewer.userId === target.authorId
  );
}

/** Leaves the rooms this socket may no longer watch (after a role change). */
export async function recheckRooms(db: Kysely<DB>, socket: ForumSocket, presence: Presence) {
  for (const name of socket.rooms) {
    const room = parsePublicRoom(name);
    if (room && !(await canWatch(db, room, socket.data))) {
      await socket.leave(name);
      presence.touch([name]);
    }
  }
}

function roomOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as { room?: unknown }).room
    : undefined;
}

function answer(ack: unknown, result: SubscribeAck): void {
  if (typeof ack !== 'function') return;
  try {
    ack(result);
  } catch {
    // The client went away between its message and our answer.
  }
}

/** A token bucket: `perSecond` on average, `burst` at once. */
function tokenBucket(perSecond: number, burst: number): () => boolean {
  let tokens = burst;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
