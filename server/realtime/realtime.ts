import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Role } from '../contracts.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { type Broadcast, createBroadcast } from './broadcast.ts';
import { createIo } from './io.ts';
import { createPresence } from './presence.ts';
import type { RedisClient } from './redis.ts';
import { findRoomTarget, findViewer } from './rooms.repository.ts';
import { parsePublicRoom, rooms } from './rooms.ts';
import {
  mayWatch,
  recheckRooms,
  SOCKET_LIMITS,
  type SocketLimits,
  sessionKey,
  setUpSocket,
} from './subscriptions.ts';
import type { ForumServer, ForumSocket } from './types.ts';

/** The live layer, as the rest of the server sees it. */
export interface Realtime {
  io: ForumServer;
  broadcast: Broadcast;
  /** Closes the sockets of one HTTP session, on every instance (logout). */
  endSession(sessionId: string): void;
  /** Closes every socket of a user, on every instance (ban; end their sessions first). */
  disconnectUser(userId: string): void;
  /**
   * Re-reads a user and applies it to their open sockets on every instance:
   * a new role takes effect at once; a banned or deleted user is disconnected.
   * Never rejects (a failure is logged): the write that called it has committed.
   */
  refreshUser(userId: string): Promise<void>;
  /**
   * After a post is hidden, held or deleted (once committed): sockets on every
   * instance that may no longer watch its room leave it. Never rejects.
   */
  recheckRoom(room: string): Promise<void>;
  /** Sends pending events, then closes this instance's sockets (they reconnect elsewhere) and the adapter. */
  close(): Promise<void>;
}

export interface RealtimeDeps {
  httpServer: HttpServer;
  config: Config;
  db: Kysely<DB>;
  logger: Logger;
  /** The HTTP session middlewares, run on each socket.io handshake. */
  handshake: RequestHandler[];
  /** With a Redis client, events, presence and logouts reach every instance. */
  redis?: RedisClient | undefined;
  limits?: Partial<SocketLimits>;
  voteWindowMs?: number;
  presenceIntervalMs?: number;
}

export function createRealtime(deps: RealtimeDeps): Realtime {
  const { db, redis } = deps;
  const logger = deps.logger.child({ area: 'realtime' });
  const clustered = redis !== undefined;
  const io = createIo({ ...deps, logger });
  const presence = createPresence({
    io,
    clustered,
    logger,
    ...(deps.presenceIntervalMs ? { intervalMs: deps.presenceIntervalMs } : {}),
  });
  const broadcast = createBroadcast({
    io,
    db,
    logger,
    ...(deps.voteWindowMs ? { voteWindowMs: deps.voteWindowMs } : {}),
  });
  const limits = { ...SOCKET_LIMITS, ...deps.limits };

  io.on('connection', (socket) => {
    try {
      setUpSocket(socket, { db, logger, presence, limits });
    } catch (err) {
      logger.error({ err }, 'socket set-up failed');
      socket.disconnect(true);
    }
  });

  const localSocketsOf = (userId: string): ForumSocket[] => {
    const ids = io.sockets.adapter.rooms.get(rooms.user(userId)) ?? new Set<string>();
    return [...ids].flatMap((id) => io.sockets.sockets.get(id) ?? []);
  };
  const closeLocalSession = (key: string) => {
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.sessionKey === key) socket.disconnect(true);
    }
  };
  const applyRole = (user: { id: string; role: Role }) => {
    for (const socket of localSocketsOf(user.id)) {
      socket.data.role = user.role;
      recheckRooms(db, socket, presence).catch((err: unknown) =>
        logger.error({ err, socket: socket.id }, 'could not recheck rooms after a role change'),
      );
    }
  };
  const disconnectUser = (userId: string) => {
    // Through the adapter, this reaches the user's sockets on every instance.
    io.in(rooms.user(userId)).disconnectSockets(true);
  };
  const refreshUser = async (userId: string) => {
    const viewer = await findViewer(db, userId);
    if (!viewer || viewer.banned) return disconnectUser(userId);
    const user = { id: userId, role: viewer.role };
    applyRole(user);
    if (clustered) io.serverSideEmit('user:refreshed', user);
  };

  const recheckLocalRoom = async (name: string) => {
    const room = parsePublicRoom(name);
    const ids = io.sockets.adapter.rooms.get(name);
    if (!room || !ids?.size) return;
    const target = await findRoomTarget(db, room.kind, room.id);
    let left = false;
    for (const id of [...ids]) {
      const socket = io.sockets.sockets.get(id);
      if (socket && !mayWatch(target, socket.data)) {
        await socket.leave(name);
        left = true;
      }
    }
    if (left) presence.touch([name]);
  };
  const logFailure = (what: string) => (err: unknown) => logger.error({ err }, what);

  // Sent by the other instances (never by browsers: these travel only through the adapter).
  io.on('session:ended', (key) => {
    if (typeof key === 'string') closeLocalSession(key);
  });
  io.on('user:refreshed', (user) => {
    if (typeof user?.id === 'string' && typeof user.role === 'string') applyRole(user);
  });
  io.on('room:recheck', (name) => {
    recheckLocalRoom(String(name)).catch(logFailure('could not recheck a room'));
  });

  return {
    io,
    broadcast,
    endSession(sessionId) {
      const key = sessionKey(sessionId);
      closeLocalSession(key);
      if (clustered) io.serverSideEmit('session:ended', key);
    },
    disconnectUser,
    refreshUser: (userId) =>
      refreshUser(userId).catch((err: unknown) =>
        logger.error({ err, userId }, 'could not apply a user change to their sockets'),
      ),
    async recheckRoom(name) {
      if (clustered) io.serverSideEmit('room:recheck', name);
      await recheckLocalRoom(name).catch(logFailure('could not recheck a room'));
    },
    async close() {
      presence.close();
      await broadcast.flush();
      // "server shutting down" is a recoverable reason: clients reconnect, to
      // another instance behind the load balancer, and get what they missed.
      await io.close();
    },
  };
}
