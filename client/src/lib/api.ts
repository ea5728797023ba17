/**
 * The one way the client talks HTTP to the API. Every failure becomes an
 * ApiFailure carrying what a screen needs to show it next to its cause:
 * the status, the machine code, a sentence, and per-field messages.
 */

/** Field messages by field name: "body.title" from the server becomes "title". */
export type FieldErrors = Record<string, string>;

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  /** Seconds, from Retry-After on a 429 or 503. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldErrors = {},
    retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }

  /** The endpoint is not there (yet): the feature hides itself. */
  get missing(): boolean {
    return this.status === 404 && this.code === 'not_found';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(
  method: Method,
  path: string,
  { body, signal }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiFailure(
      0,
      'network',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  if (res.status === 204) return undefined as T;
  const payload: unknown = await res.json().catch(() => undefined);
  if (res.ok) return payload as T;
  throw toFailure(res, payload);
}

export const get = <T>(path: string, signal?: AbortSignal) =>
  api<T>('GET', path, signal ? { signal } : {});

function toFailure(res: Response, payload: unknown): ApiFailure {
  const retryHeader = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `http_${res.status}`;
  let message = typeof error?.message === 'string' ? error.message : fallbackMessage(res.status);
  if (res.status === 429 && retryAfter) message = waitMessage(code, message, retryAfter);
  return new ApiFailure(res.status, code, message, fieldErrors(error?.details), retryAfter);
}

function fieldErrors(details: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (!isRecord(details) || !Array.isArray(details.fields)) return fields;
  for (const field of details.fields) {
    if (!isRecord(field) || typeof field.path !== 'string' || typeof field.message !== 'string')
      continue;
    // "body.title" → "title"; "body" alone (a refine on the whole body) stays "body".
    const name = field.path.includes('.') ? field.path.slice(field.path.indexOf('.') + 1) : '';
    const key = name || field.path;
    fields[key] ??= field.message;
  }
  return fields;
}

/** A 429 says how long to wait; slow mode (launch surge) says why, in the client's words. */
function waitMessage(code: string, message: string, seconds: number): string {
  const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
  if (code === 'slow_mode')
    return `Slow mode is on during the launch: you can post here again in ${wait}.`;
  return `${message.replace(/\.$/, '')}. Try again in ${wait}.`;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Sign in first';
  if (status === 403) return 'You are not allowed to do that';
  if (status === 404) return 'Not found';
  if (status === 503) return 'The server is busy, try again shortly';
  return 'Something went wrong';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A failure as a sentence, for errors that are not about a field. */
export function describe(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  return 'Something went wrong';
}

/** Fields the server named that the form does not show get folded into the general message. */
export function unshownFields(err: ApiFailure, shown: readonly string[]): string | undefined {
  const rest = Object.entries(err.fields).filter(([name]) => !shown.includes(name));
  if (rest.length === 0) return undefined;
  return rest.map(([name, message]) => `${name} ${message}`).join('; ');
}
