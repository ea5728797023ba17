import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { SESSION_COOKIE } from '../auth/session.ts';
import type { Broadcast } from '../realtime/broadcast.ts';

/** A thread as a visitor sees it, serialized once. */
export interface CachedThread {
  body: Buffer;
  /** A strong ETag from the bytes, so every instance gives the same one for the same thread. */
  etag: string;
}

export interface ThreadCacheOptions {
  /** A safety net for a change that no event announces (e.g. an author renamed): entries expire. */
  ttlMs?: number;
  /** Bytes kept in all; the oldest entries go first. */
  maxBytes?: number;
}

export interface ThreadCache {
  /** The cached bytes, or `load()` serialized and kept (unless the thread changed meanwhile). */
  read(id: string, load: () => Promise<unknown>): Promise<CachedThread>;
  /** The cached bytes if they are there and fresh; never loads. */
  peek(id: string): CachedThread | undefined;
  /** The thread changed: drop it, and keep a load already running from being stored. */
  invalidate(id: string): void;
}

interface Entry extends CachedThread {
  at: number;
}

/**
 * The visitor's view of `GET /api/suggestions/:id` (the same for every visitor:
 * no viewer fields), pre-serialized with an ETag. Every broadcast about a
 * thread invalidates it (see invalidatingBroadcast), on this instance at once
 * and on the others through the socket.io adapter. A load that started before
 * an invalidation is handed to its waiters but never stored, so a stale read
 * racing a write cannot stick.
 */
export function createThreadCache({
  ttlMs = 30_000,
  maxBytes = 64 * 1024 * 1024,
}: ThreadCacheOptions = {}): ThreadCache {
  const entries = new Map<string, Entry>();
  const loading = new Map<string, { promise: Promise<CachedThread>; stale: boolean }>();
  let bytes = 0;

  const drop = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    bytes -= entry.body.length;
  };
  const store = (id: string, entry: Entry) => {
    drop(id);
    entries.set(id, entry);
    bytes += entry.body.length;
    for (const [oldest] of entries) {
      if (bytes <= maxBytes) break;
      drop(oldest);
    }
  };

  return {
    peek(id) {
      const entry = entries.get(id);
      return entry && Date.now() - entry.at < ttlMs ? entry : undefined;
    },
    read(id, load) {
      const entry = entries.get(id);
      if (entry && Date.now() - entry.at < ttlMs) return Promise.resolve(entry);
      const running = loading.get(id);
      if (running && !running.stale) return running.promise;
      const job = { stale: false, promise: Promise.resolve(undefined as unknown as CachedThread) };
      job.promise = load()
        .then((value) => {
          const body = Buffer.from(JSON.stringify(value));
          const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
          const fresh: Entry = { body, etag, at: Date.now() };
          if (!job.stale) store(id, fresh);
          return fresh;
        })
        .finally(() => {
          if (loading.get(id) === job) loading.delete(id);
        });
      loading.set(id, job);
      return job.promise;
    },
    invalidate(id) {
      drop(id);
      const running = loading.get(id);
      if (running) {
        running.stale = true;
        loading.delete(id);
      }
    },
  };
}

/**
 * Serves a visitor's thread read from the cache, with an ETag (a match is a 304,
 * by Express's freshness check). Signed-in readers pass on: their view carries
 * their own votes.
 */
export function serveVisitorThread(
  cache: ThreadCache | undefined,
  load: (id: string) => Promise<unknown>,
): RequestHandler {
  return async (req, res, next) => {
    const id = req.params.id;
    if (!cache || req.user || typeof id !== 'string') return next();
    send(res, await cache.read(id, () => load(id)));
  };
}

/**
 * The security headers a JSON answer needs, fixed once: the shortcut runs
 * before helmet (whose per-request work costs more than these bytes).
 */
const JSON_HEADERS: [string, string][] = [
  ['Content-Type', 'application/json; charset=utf-8'],
  ['Cache-Control', 'no-cache'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
];

function send(res: Response, thread: CachedThread) {
  for (const [name, value] of JSON_HEADERS) res.setHeader(name, value);
  res.setHeader('ETag', thread.etag);
  res.send(thread.body);
}

const THREAD_PATH = /^\/api\/suggestions\/([1-9][0-9]{0,17})$/;

/**
 * Mounted first, after the metrics timer: a visitor's read of a thread that is
 * in the cache is answered here, without the logger, helmet, session, body and
 * router layers (which cost more than sending the bytes; see
 * docs/benchmarks.md). Hits are counted in /metrics, not logged line by line.
 * A request with a session cookie, or for a thread not cached, goes on to the
 * route as usual.
 */
export function cachedThreadShortcut(cache: ThreadCache | undefined): RequestHandler {
  const sessionCookie = `${SESSION_COOKIE}=`;
  return (req, res, next) => {
    if (!cache || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (req.headers.cookie?.includes(sessionCookie)) return next();
    const id = THREAD_PATH.exec(req.path)?.[1];
    const thread = id === undefined ? undefined : cache.peek(id);
    if (!thread) return next();
    send(res, thread);
  };
}

/**
 * The same Broadcast, invalidating a thread before each event about it goes
 * out. Every write that changes a thread publishes one of these after its
 * commit, so this is the one place that sees them all.
 */
export function invalidatingBroadcast(
  broadcast: Broadcast,
  changed: (suggestionId: string) => void,
): Broadcast {
  return {
    ...broadcast,
    suggestionUpdated(suggestion) {
      changed(suggestion.id);
      broadcast.suggestionUpdated(suggestion);
    },
    suggestionVotes(payload) {
      changed(payload.id);
      broadcast.suggestionVotes(payload);
    },
    replyCreated(reply) {
      changed(reply.suggestionId);
      broadcast.replyCreated(reply);
    },
    replyUpdated(reply) {
      changed(reply.suggestionId);
      broadcast.replyUpdated(reply);
    },
    replyVotes(payload) {
      changed(payload.suggestionId);
      broadcast.replyVotes(payload);
    },
  };
}
