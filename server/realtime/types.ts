import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '../contracts.ts';

/** Messages between instances (through the Redis adapter); never seen by browsers. */
export interface InterServerEvents {
  /** Asks every other instance how many of its sockets are in each room. */
  'presence:count': (rooms: string[], ack: (counts: number[]) => void) => void;
  /** An HTTP session ended (logout): its sockets close, wherever they are. */
  'session:ended': (sessionKey: string) => void;
  /** A user's role changed: their open sockets take the new role. */
  'user:refreshed': (user: { id: string; role: Role }) => void;
  /** A thread changed: drop it from the visitors' thread cache (server/suggestions/thread-cache.ts). */
  'thread:changed': (suggestionId: string) => void;
  /** A room's post changed visibility: sockets that may no longer watch it leave. */
  'room:recheck': (room: string) => void;
}

/**
 * What a socket remembers of its handshake. Kept small and plain: it is copied
 * into Redis for connection-state recovery, and trusted only after the next
 * handshake confirms it (see io.ts).
 */
export interface SocketData {
  userId?: string;
  role?: Role;
  /** A hash of the HTTP session id, so logout can find this session's sockets. */
  sessionKey?: string;
}

export type ForumServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type ForumSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
