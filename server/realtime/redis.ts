import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.ts';

/** A node-redis client (v6), shared by the socket.io adapter and the rate limiters. */
export type RedisClient = ReturnType<typeof newClient>;

// RESP2: the replies the streams adapter and rate-limiter-flexible were written against.
const newClient = (url: string) =>
  createClient({
    url,
    RESP: 2,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000),
    },
  });

/**
 * Connects to Redis, failing fast when it cannot be reached at start. Later
 * drops are retried in the background (commands wait in node-redis's queue),
 * and reported in the log rather than thrown.
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = newClient(url);
  let lastReport = 0;
  client.on('error', (err: unknown) => {
    // One line per ten seconds is enough while Redis is away.
    if (Date.now() - lastReport < 10_000) return;
    lastReport = Date.now();
    logger.warn({ err }, 'redis: connection problem');
  });
  await client.connect();
  return client;
}

/**
 * The socket.io adapter over Redis streams: every instance reads one stream, so
 * an event emitted on one reaches sockets on all, and a socket's missed events
 * can be replayed by whichever instance it reconnects to. `prefix` keeps the
 * keys and channels of one deployment (or one test run) apart from others.
 */
export function redisAdapter(client: RedisClient, prefix: string) {
  return createAdapter(client, {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:socket.io:session:`,
    // Events kept for replay: ~10,000 of them, trimmed approximately.
    maxLen: 10_000,
    // Our payloads are JSON; skip the per-message binary scan.
    onlyPlaintext: true,
    // The stream reader blocks at most this long, which bounds how long a closed adapter lingers.
    blockTimeInMs: 1_000,
  });
}
