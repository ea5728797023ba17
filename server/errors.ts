/** An error the API answers with its own status and a stable machine code. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/** A field name and what is wrong with it. */
export type FieldError = { path: string; message: string };

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'bad_request', message, details);
export const validationFailed = (fields: FieldError[]) =>
  new AppError(400, 'validation_failed', 'Some fields are invalid', { fields });
export const unauthorized = (message = 'Sign in first') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do that') =>
  new AppError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, 'conflict', message, details);
export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests') =>
  new AppError(
    429,
    'rate_limited',
    message,
    { retryAfterSeconds },
    {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    },
  );
export const unavailable = (message = 'The database is unavailable, try again shortly') =>
  new AppError(503, 'unavailable', message, undefined, { 'Retry-After': '2' });
