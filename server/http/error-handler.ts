import type { ErrorRequestHandler, RequestHandler } from 'express';
import type {} from 'pino-http';
import { AppError, notFound, unavailable } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** body-parser's error types and what they mean to a client. */
const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'invalid_json'],
  'entity.too.large': [413, 'payload_too_large'],
  'encoding.unsupported': [415, 'unsupported_encoding'],
  'charset.unsupported': [415, 'unsupported_charset'],
  'entity.verify.failed': [400, 'bad_request'],
  'request.aborted': [400, 'request_aborted'],
  'request.size.invalid': [400, 'bad_request'],
};

/** PostgreSQL SQLSTATEs that mean "bad input", not "our bug". */
const PG_BAD_INPUT = new Set(['22P02', '22021', '22003', '22001', '22007', '22008', '54000']);
/** Connection-level failures: the database is away, not the request wrong. */
const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
]);

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, code, message } = err as { type?: string; code?: string; message?: string };
  if (type && BODY_ERRORS[type]) {
    const [status, errorCode] = BODY_ERRORS[type];
    return new AppError(status, errorCode, message ?? 'The request body could not be read');
  }
  if (code && PG_BAD_INPUT.has(code)) {
    return new AppError(400, 'bad_request', 'A value in the request is not acceptable');
  }
  if (code === '23505') return new AppError(409, 'conflict', 'That already exists');
  if (code && DB_DOWN_CODES.has(code)) return unavailable();
  if (
    message &&
    /timeout exceeded when trying to connect|Connection terminated|connection timeout/i.test(
      message,
    )
  ) {
    return unavailable();
  }
  return undefined;
}

/** The one error middleware: every error leaves as `{error:{code,message,details?}}`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (res.headersSent) {
      // An error after a complete answer (express-session failing to touch the
      // session while the database is away) must not cut the connection: the
      // client has its answer. Only a half-written answer is cut short.
      if (!res.writableEnded) req.socket.destroy();
      (req.log ?? logger).warn({ err }, 'error after the answer was sent');
      return;
    }
    if (!appError) {
      (req.log ?? logger).error({ err }, 'unhandled error');
      res.status(500).json({ error: { code: 'internal', message: 'Something went wrong' } });
      return;
    }
    if (appError.status >= 500) (req.log ?? logger).warn({ err }, appError.message);
    res.set(appError.headers);
    const body: { code: string; message: string; details?: unknown } = {
      code: appError.code,
      message: appError.message,
    };
    if (appError.details !== undefined) body.details = appError.details;
    res.status(appError.status).json({ error: body });
  };
}

/** Unknown API paths answer a JSON 404 rather than the client's HTML. */
export const apiNotFound: RequestHandler = () => {
  throw notFound('Route');
};
