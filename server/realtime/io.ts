import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import { Server } from 'socket.io';
import type { Config } from '../config.ts';
import { isAllowedOrigin } from '../http/same-origin.ts';
import type { Logger } from '../logger.ts';
import { type ForumServer, rooms } from './broadcast.ts';

interface Deps {
  httpServer: HttpServer;
  config: Config;
  /** The HTTP session and passport middlewares, run on the handshake only. */
  handshake: RequestHandler[];
  logger: Logger;
}

/**
 * socket.io on the HTTP server. The handshake runs the same session middleware
 * as HTTP, so a signed-in browser's socket knows its user; anonymous sockets may
 * watch public rooms.
 */
export function createIo({ httpServer, config, handshake, logger }: Deps): ForumServer {
  const allowed = [
    ...config.ALLOWED_ORIGINS,
    ...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : []),
  ];
  const io: ForumServer = new Server(httpServer, {
    serveClient: false,
    perMessageDeflate: false,
    maxHttpBufferSize: 16 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    allowRequest: (req, callback) => {
      callback(null, isAllowedOrigin(req.headers.origin, req.headers.host, allowed));
    },
  });

  for (const middleware of handshake) {
    io.engine.use(
      (
        req: Parameters<RequestHandler>[0],
        res: Parameters<RequestHandler>[1],
        next: () => void,
      ) => {
        // Only the handshake needs the session; later polling requests carry the sid.
        const isHandshake =
          (req as unknown as { _query: { sid?: string } })._query.sid === undefined;
        if (isHandshake) middleware(req, res, next);
        else next();
      },
    );
  }

  io.on('connection', (socket) => {
    const user = (socket.request as { user?: Express.User }).user;
    if (user) void socket.join(rooms.user(user.id));
    socket.on('subscribe', (payload, ack) => {
      const room = typeof payload?.room === 'string' ? payload.room : '';
      if (!/^(announcement|suggestion):[1-9][0-9]{0,17}$/.test(room)) {
        safeAck(ack, { error: { code: 'bad_room', message: 'Unknown room' } });
        return;
      }
      void socket.join(room);
      safeAck(ack, { ok: true });
    });
    socket.on('unsubscribe', (payload, ack) => {
      const room = typeof payload?.room === 'string' ? payload.room : '';
      void socket.leave(room);
      safeAck(ack, { ok: true });
    });
    socket.on('error', (err) => logger.warn({ err }, 'socket error'));
  });
  return io;
}

function safeAck<T>(ack: unknown, answer: T) {
  if (typeof ack === 'function') ack(answer);
}
