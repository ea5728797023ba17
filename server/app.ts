import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { sql } from 'kysely';
import { pinoHttp } from 'pino-http';
import { announcementRoutes } from './announcements/announcements.routes.ts';
import { authRoutes, meRoutes } from './auth/auth.routes.ts';
import { createPassport } from './auth/passport.ts';
import { absoluteTimeout, createSessionMiddleware } from './auth/session.ts';
import { KyselySessionStore } from './auth/session-store.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { unavailable } from './errors.ts';
import { exportRoutes } from './exports/exports.routes.ts';
import { jsonBody, requireJsonBody } from './http/body.ts';
import { apiNotFound, errorHandler } from './http/error-handler.ts';
import { buildOpenApi } from './http/openapi.ts';
import { createRateLimiters, limitBy } from './http/rate-limit.ts';
import { allowedOrigins, sameOriginOnly } from './http/same-origin.ts';
import { staticClient } from './http/static-client.ts';
import type { Logger } from './logger.ts';
import { markdownRoutes } from './markdown/markdown.routes.ts';
import { createMetrics } from './metrics/metrics.ts';
import { moderationRoutes } from './moderation/moderation.routes.ts';
import { moderatedPostRoutes } from './moderation/posts.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import type { Broadcast } from './realtime/broadcast.ts';
import { createRealtime, type Realtime } from './realtime/realtime.ts';
import type { RedisClient } from './realtime/redis.ts';
import type { ForumServer } from './realtime/types.ts';
import { replyRoutes } from './replies/replies.routes.ts';
import { roadmapRoutes } from './roadmap/roadmap.routes.ts';
import { searchRoutes } from './search/search.routes.ts';
import { suggestionRoutes } from './suggestions/suggestions.routes.ts';
import {
  cachedThreadShortcut,
  createThreadCache,
  invalidatingBroadcast,
  type ThreadCacheOptions,
} from './suggestions/thread-cache.ts';
import { tagRoutes } from './tags/tags.routes.ts';
import { triageRoutes } from './triage/triage.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { voteRoutes } from './votes/votes.routes.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  /** With REDIS_URL: shared by the socket.io adapter and the rate limiters (main.ts connects it). */
  redis?: RedisClient | undefined;
  /** Where the built client lives; defaults to client/dist. */
  clientDist?: string;
  /** Visitors' thread cache settings; false turns it off (the benchmark's cache-miss figure). */
  threadCache?: ThreadCacheOptions | false;
}

export interface ForumApp {
  app: Express;
  httpServer: HttpServer;
  io: ForumServer;
  broadcast: Broadcast;
  /** The live layer: ending a session's or a user's sockets, on every instance. */
  realtime: Realtime;
  sessions: KyselySessionStore;
  /** Sends pending events and closes the sockets; the caller closes the HTTP server, database and Redis. */
  close(): Promise<void>;
}

const defaultClientDist = path.resolve(fileURLToPath(import.meta.url), '../../client/dist');

/** Builds the app, its HTTP server and socket.io; never listens. */
export function createApp({
  config,
  database,
  logger,
  redis,
  clientDist,
  threadCache,
}: AppDeps): ForumApp {
  const { db } = database;
  const app = express();
  const httpServer = createServer(
    // Idle keep-alive outlives a load balancer's (60 s); slow senders get 20 s for headers, 30 s in all.
    // Node enforces those two only when it checks (every 30 s by default): check every second.
    {
      keepAliveTimeout: 65_000,
      headersTimeout: 20_000,
      requestTimeout: 30_000,
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');

  const sessions = new KyselySessionStore(db);
  const session = createSessionMiddleware(config, sessions);
  const passport = createPassport(db);
  const limiters = createRateLimiters(config, redis);
  const limitWrites = limitBy(limiters.writes, (req) => req.user?.id ?? req.ip ?? 'unknown');

  const realtime = createRealtime({
    httpServer,
    config,
    db,
    logger,
    handshake: [session, absoluteTimeout(config), passport.session()],
    redis,
  });
  const { io } = realtime;
  // Visitors' thread reads are cached; every event about a thread invalidates it, here at
  // once and on the other instances through the adapter.
  const threads = threadCache === false ? undefined : createThreadCache(threadCache);
  const broadcast = invalidatingBroadcast(realtime.broadcast, (suggestionId) => {
    threads?.invalidate(suggestionId);
    if (redis) io.serverSideEmit('thread:changed', suggestionId);
  });
  io.on('thread:changed', (suggestionId) => {
    if (typeof suggestionId === 'string') threads?.invalidate(suggestionId);
  });
  // Outside the /api stack (no session, no CSRF check); optionally behind METRICS_TOKEN.
  const metrics = createMetrics({ app, io, pool: database.pool, token: config.METRICS_TOKEN });
  app.use(metrics.timeRequests);
  // A visitor's read of a cached thread is answered before everything else.
  app.use(cachedThreadShortcut(threads));

  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req.headers['x-request-id'] as string | undefined) || crypto.randomUUID(),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Behind HTTPS the proxy sets HSTS; forcing upgrades would break plain-HTTP local use.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    await readiness(database);
    res.json({ ok: true, engine: database.engine });
  });
  app.get('/metrics', metrics.serve);

  const api = express.Router();
  api.use(requireJsonBody, jsonBody(), sameOriginOnly(allowedOrigins(config)));
  api.use(session, absoluteTimeout(config), passport.session());

  // Anyone (reads are public; writes check their role inside each router).
  api.use('/auth', authRoutes({ db, passport, limiters, onSessionEnded: realtime.endSession }));
  api.use('/me', meRoutes());
  api.use(markdownRoutes());
  // Before the suggestion routes: /suggestions/similar is not a /suggestions/:id.
  api.use(searchRoutes({ db }));
  api.use('/announcements', announcementRoutes({ db }));
  api.use(suggestionRoutes({ db, broadcast, limitWrites, threads }));
  api.use(replyRoutes({ db, broadcast, limitWrites }));
  api.use(voteRoutes({ db, broadcast }));
  api.use(roadmapRoutes({ db, broadcast }));
  api.use(tagRoutes({ db, broadcast }));
  api.use(exportRoutes({ db, publicUrl: config.PUBLIC_URL }));
  // Signed in: one's own notifications and follows.
  api.use(notificationRoutes({ db }));
  // Team (internal notes: team and moderators).
  api.use(triageRoutes({ db, broadcast }));
  // Moderators (flags: any member).
  api.use(moderationRoutes({ db, limitWrites, endUserSockets: realtime.disconnectUser }));
  api.use(moderatedPostRoutes({ db, broadcast, recheckRoom: realtime.recheckRoom }));
  // Admin.
  api.use('/users', userRoutes({ db, onUserChanged: realtime.refreshUser }));
  let openApi: Record<string, unknown> | undefined;
  api.get('/openapi.json', (_req, res) => {
    openApi ??= buildOpenApi(app, process.env.npm_package_version ?? '0.1.0');
    res.json(openApi);
  });
  api.use(apiNotFound);

  app.use('/api', api);
  app.use(staticClient(clientDist ?? defaultClientDist));
  app.use(errorHandler(logger));

  return {
    app,
    httpServer,
    io,
    broadcast,
    realtime,
    sessions,
    close: () => realtime.close(),
  };
}

/** The database answers within a second, or a 503. */
async function readiness(database: Database): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(unavailable('The database did not answer within a second')),
      1_000,
    );
  });
  try {
    await Promise.race([sql`SELECT 1`.execute(database.db), timeout]);
  } catch (err) {
    throw err instanceof Error && 'status' in err ? err : unavailable();
  } finally {
    clearTimeout(timer);
  }
}
