import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { Server, type ServerOptions } from 'socket.io';
import type { Config } from '../config.ts';
import { allowedOrigins, isAllowedOrigin } from '../http/same-origin.ts';
import type { Logger } from '../logger.ts';
import { type RedisClient, redisAdapter } from './redis.ts';
import type { ForumServer } from './types.ts';

interface Deps {
  httpServer: HttpServer;
  config: Pick<
    Config,
    'ALLOWED_ORIGINS' | 'PUBLIC_URL' | 'SOCKET_RECOVERY_MS' | 'REDIS_KEY_PREFIX'
  >;
  /** The HTTP session and passport middlewares, run on the handshake only. */
  handshake: RequestHandler[];
  logger: Logger;
  redis?: RedisClient | undefined;
}

/** Bytes one message from a client may take: a subscribe is ~40; 8 KiB leaves room for batching. */
export const MAX_CLIENT_MESSAGE_BYTES = 8 * 1024;

/**
 * socket.io on the app's own HTTP server and origin. The handshake runs the
 * same session middleware as HTTP, so a signed-in browser's socket knows its
 * user; anonymous sockets connect too and may watch public rooms.
 */
export function createIo({ httpServer, config, handshake, logger, redis }: Deps): ForumServer {
  const allowed = allowedOrigins(config);
  const options: Partial<ServerOptions> = {
    serveClient: false,
    // Compression costs about ten times the memory per socket; our messages are small.
    perMessageDeflate: false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    // A client that opens a transport but never joins the namespace is let go quickly.
    connectTimeout: 10_000,
    // A short drop (a tunnel, a laptop lid) replays what was missed; the handshake
    // still runs the session middleware, and io.ts re-derives the user from it.
    connectionStateRecovery: {
      maxDisconnectionDuration: config.SOCKET_RECOVERY_MS,
      skipMiddlewares: true,
    },
    // The `cors` option does not guard websocket upgrades; this guards every
    // handshake. A browser always sends Origin; a non-browser client without one passes.
    allowRequest: (req, callback) => {
      const ok = isAllowedOrigin(req.headers.origin, req.headers.host, allowed);
      if (!ok)
        logger.info({ origin: req.headers.origin }, 'socket handshake refused: foreign origin');
      callback(ok ? null : 'Origin not allowed', ok);
    },
  };
  if (redis) options.adapter = redisAdapter(redis, config.REDIS_KEY_PREFIX);
  const io: ForumServer = new Server(httpServer, options);

  for (const middleware of handshake) {
    io.engine.use(
      (
        req: IncomingMessage & { _query: { sid?: string } },
        res: ServerResponse,
        next: (err?: unknown) => void,
      ) => {
        // Only the handshake needs the session; later requests of the same connection carry its sid.
        if (req._query.sid !== undefined) return next();
        middleware(
          req as unknown as Parameters<RequestHandler>[0],
          res as unknown as Parameters<RequestHandler>[1],
          next,
        );
      },
    );
  }
  io.engine.on('connection_error', (err: { code: number; message: string }) => {
    logger.debug({ code: err.code, message: err.message }, 'socket connection refused');
  });
  return io;
}
