/**
 * The forum as `server/main.ts` builds it, for the benchmark, plus a few
 * routes the benchmark needs (appended after the app's own, so they add
 * nothing to its requests): a baseline that sends a thread from memory with
 * res.json, a statement counter, and memory after a forced GC (run with
 * --expose-gc). BENCH_THREAD_CACHE=off builds it without the thread cache.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/logger.ts';
import { connectRedis } from '../../server/realtime/redis.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const database = await openDatabase(config);
await migrateToLatest(database.db);
const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
const forum = createApp({
  config,
  database,
  logger,
  redis,
  ...(process.env.BENCH_THREAD_CACHE === 'off' ? { threadCache: false as const } : {}),
});

let statements = 0;
database.pool?.on('connect', (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
    statements += 1;
    return query(...args);
  };
});

let remembered: unknown;
forum.app.post('/bench/remember/:id', async (req, res) => {
  const answer = await fetch(`http://127.0.0.1:${port()}/api/suggestions/${req.params.id}`);
  remembered = await answer.json();
  res.json({ ok: true });
});
forum.app.get('/bench/thread-json', (_req, res) => {
  res.json(remembered);
});
forum.app.get('/bench/statements', (_req, res) => {
  res.json({ statements });
});
forum.app.get('/bench/memory', (_req, res) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) gc?.();
  const usage = process.memoryUsage();
  res.json({ heapUsed: usage.heapUsed, rss: usage.rss, sockets: forum.io.of('/').sockets.size });
});

await new Promise<void>((resolve) => forum.httpServer.listen(0, '127.0.0.1', resolve));
function port() {
  return (forum.httpServer.address() as AddressInfo).port;
}
console.log(`LISTENING ${port()}`);
process.on('SIGTERM', async () => {
  forum.httpServer.closeAllConnections();
  await forum.close();
  await database.close();
  await redis?.close();
  process.exit(0);
});
