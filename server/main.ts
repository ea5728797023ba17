import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { connectRedis } from './realtime/redis.ts';

/** The only place that reads the environment, listens, and handles SIGTERM. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config);
  const applied = await migrateToLatest(database.db);
  logger.info({ engine: database.engine, applied }, 'database ready');

  // With REDIS_URL, socket.io events and rate limits are shared by every instance.
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const forum = createApp({ config, database, logger, redis });
  await new Promise<void>((resolve) => forum.httpServer.listen(config.PORT, config.HOST, resolve));
  const address = forum.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, engine: database.engine }, `forum listening on http://localhost:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown grace period passed; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    // Stop accepting, let in-flight requests finish, then close the database.
    const httpClosed = new Promise<void>((resolve) => forum.httpServer.close(() => resolve()));
    forum.httpServer.closeIdleConnections();
    await forum.close();
    await httpClosed;
    await database.close();
    await redis?.close();
    logger.info('bye');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
