import pino, { type Logger } from 'pino';

export type { Logger };

/** The root logger; features take child loggers (`logger.child({ area: 'votes' })`). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });
}
