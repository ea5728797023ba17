import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp, type ForumApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { type Database, openDatabase } from '../../server/db/connect.ts';
import { createLogger } from '../../server/logger.ts';
import { connectRedis } from '../../server/realtime/redis.ts';

export interface TestApp {
  url: string;
  database: Database;
  forum: ForumApp;
  close(): Promise<void>;
}

/**
 * The real app on 127.0.0.1, port 0, against the run's PostgreSQL database
 * (or `env.DATABASE_URL`). Limits are generous unless a test sets them.
 */
export async function startApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const values: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    SESSION_SECRET: 'test-secret-test-secret-test-secret-42',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WRITES_PER_MINUTE: '10000',
    REGISTRATIONS_PER_HOUR: '100000',
    ...env,
  };
  // An override of `undefined` removes the variable (e.g. DATABASE_URL, to run on PGlite).
  const config = loadConfig(
    Object.fromEntries(Object.entries(values).filter((entry) => entry[1] !== undefined)),
    () => {},
  );
  const database = await openDatabase(config);
  const logger = createLogger(config.LOG_LEVEL);
  // A test that sets REDIS_URL (and its own REDIS_KEY_PREFIX) gets a scaled-out instance.
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const forum = createApp({ config, database, logger, redis });
  await new Promise<void>((resolve) => forum.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = forum.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    forum,
    async close() {
      await forum.close();
      forum.httpServer.closeAllConnections();
      await new Promise<void>((resolve) => forum.httpServer.close(() => resolve()));
      await database.close();
      await redis?.close();
    },
  };
}
