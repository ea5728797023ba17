import type { Logger } from '../logger.ts';
import { createCoalescer } from './coalescer.ts';
import { isPublicRoom } from './rooms.ts';
import type { ForumServer } from './types.ts';

/** Presence for one room goes out at most once per interval. */
export const PRESENCE_INTERVAL_MS = 1_000;

export interface Presence {
  /** The local membership of these rooms changed (a join, a leave, a disconnect). */
  touch(rooms: Iterable<string>): void;
  /** Stops the timer; pending counts are dropped (the sockets are going anyway). */
  close(): void;
}

interface Deps {
  io: ForumServer;
  /** Whether other instances share the rooms (a Redis adapter). */
  clustered: boolean;
  logger: Logger;
  intervalMs?: number;
}

/**
 * `presence {room, count}`: how many sockets watch a public room, on every
 * instance. Counts are asked of the other instances through the adapter (a few
 * numbers each, not their sockets), summed, and sent to the room, throttled
 * and settled like vote counts (see coalescer.ts).
 */
export function createPresence({
  io,
  clustered,
  logger,
  intervalMs = PRESENCE_INTERVAL_MS,
}: Deps): Presence {
  const localCounts = (names: readonly string[]) =>
    names.map((name) => io.of('/').adapter.rooms.get(name)?.size ?? 0);

  io.on('presence:count', (names, ack) => {
    if (!Array.isArray(names) || typeof ack !== 'function') return;
    ack(localCounts(names.filter((name): name is string => typeof name === 'string')));
  });

  const remoteCounts = (names: string[]) =>
    new Promise<number[][]>((resolve) => {
      // A silent instance costs the adapter's timeout; the answers that came are used.
      io.serverSideEmit('presence:count', names, (err: Error | null, answers: number[][]) => {
        if (err) logger.warn({ err }, 'presence: an instance did not answer');
        resolve(Array.isArray(answers) ? answers : []);
      });
    });

  const coalescer = createCoalescer<string, number>({
    windowMs: intervalMs,
    async read(names) {
      const totals = localCounts(names);
      if (clustered) {
        for (const answer of await remoteCounts(names)) {
          names.forEach((_name, i) => {
            const count = Array.isArray(answer) ? answer[i] : undefined;
            if (typeof count === 'number') totals[i] = (totals[i] ?? 0) + count;
          });
        }
      }
      return new Map(names.map((name, i) => [name, totals[i] ?? 0]));
    },
    emit(room, count) {
      if (count > 0) io.to(room).emit('presence', { room, count });
    },
    same: (a, b) => a === b,
    onError: (err) => logger.warn({ err }, 'presence: counting failed'),
  });

  return {
    touch(names) {
      for (const name of names) if (isPublicRoom(name)) coalescer.mark(name);
    },
    close() {
      coalescer.stop();
    },
  };
}
