import { timingSafeEqual } from 'node:crypto';
import type { Express, Request, RequestHandler } from 'express';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { unauthorized } from '../errors.ts';
import { listRoutes } from '../http/route-table.ts';

/**
 * Process-wide metrics: domain counters (votes, events) and Node's defaults
 * (event-loop lag, heap, GC, CPU). Several apps in one process (the tests)
 * share them; what belongs to one app (its sockets, its pool, its requests)
 * lives in that app's own registry, merged in at scrape time.
 */
const shared = new Registry();
collectDefaultMetrics({ register: shared, eventLoopMonitoringPrecision: 20 });

/** Votes that changed something (a repeated vote is not counted). */
export const votesCounter = new Counter({
  name: 'forum_votes_total',
  help: 'Votes that changed a count, by target and action',
  labelNames: ['target', 'action'] as const,
  registers: [shared],
});

const eventsCounter = new Counter({
  name: 'forum_socket_events_emitted_total',
  help: 'Socket.io events emitted by this instance (one per emit, whatever the number of receivers)',
  labelNames: ['event'] as const,
  registers: [shared],
});

/** The socket.io server as far as metrics need it. */
interface IoLike {
  of(name: '/'): {
    sockets: { size: number };
    adapter: { broadcast(packet: { data?: unknown[] }, opts: unknown): unknown };
  };
  engine: { clientsCount: number };
}

export interface MetricsDeps {
  /** The Express app (routes are read from its table to label requests by pattern). */
  app: Express;
  io: IoLike;
  /** The pg pool, when on PostgreSQL. */
  pool?: pg.Pool | undefined;
  /** When set, a scrape must carry `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

export interface Metrics {
  /** Times every request, labelled by the route pattern it matched (never the raw URL). */
  timeRequests: RequestHandler;
  /** GET /metrics in the Prometheus text format. */
  serve: RequestHandler;
}

export function createMetrics({ app, io, pool, token }: MetricsDeps): Metrics {
  const own = new Registry();
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [own],
  });
  new Gauge({
    name: 'forum_sockets_open',
    help: 'Connected socket.io sockets on this instance',
    registers: [own],
    collect() {
      this.set(io.of('/').sockets.size);
    },
  });
  new Gauge({
    name: 'forum_engine_connections_open',
    help: 'Engine.io connections on this instance (sockets not yet in a namespace included)',
    registers: [own],
    collect() {
      this.set(io.engine.clientsCount);
    },
  });
  if (pool) {
    const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
      new Gauge({
        name,
        help,
        registers: [own],
        collect() {
          this.set(read(pool));
        },
      });
    poolGauge('forum_db_pool_connections', 'Connections the pg pool holds', (p) => p.totalCount);
    poolGauge('forum_db_pool_idle', 'Idle connections in the pg pool', (p) => p.idleCount);
    poolGauge(
      'forum_db_pool_waiting',
      'Queries waiting for a pool connection',
      (p) => p.waitingCount,
    );
  }
  countEmits(io);

  const routeOf = routeMatcher(app);
  const timeRequests: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      duration.observe(
        { method: req.method, route: routeOf(req, res.statusCode), status: res.statusCode },
        seconds,
      );
    });
    next();
  };

  const serve: RequestHandler = async (req, res) => {
    if (token !== undefined && !bearerMatches(req.get('authorization'), token)) {
      throw unauthorized('A metrics token is required');
    }
    const registry = Registry.merge([shared, own]);
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  };

  return { timeRequests, serve };
}

/** Counts each emit once, by event name, by wrapping the default namespace's adapter. */
function countEmits(io: IoLike) {
  const adapter = io.of('/').adapter;
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const event = packet.data?.[0];
    eventsCounter.inc({ event: typeof event === 'string' ? event : 'other' });
    return broadcast(packet, opts);
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * The route pattern a request matched, e.g. `/api/suggestions/:id`. Express
 * keeps only the last router's part in `req.route.path` (and resets baseUrl
 * when an error leaves a router), so the app's own route table is matched
 * instead, narrowed by that hint. Static files and unknown paths get one label
 * each, which keeps the label set bounded.
 */
function routeMatcher(app: Express) {
  let table: { method: string; path: string; regex: RegExp }[] | undefined;
  return (req: Request, status: number): string => {
    table ??= listRoutes(app).map(({ method, path }) => ({
      method,
      path,
      regex: new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`,
      ),
    }));
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const hint = (req.route as { path?: unknown } | undefined)?.path;
    const url = req.originalUrl.split('?')[0] ?? '';
    for (const entry of table) {
      if (entry.method !== method) continue;
      if (typeof hint === 'string' && !entry.path.endsWith(hint)) continue;
      if (entry.regex.test(url)) return entry.path;
    }
    return status < 400 && method === 'GET' ? 'static' : 'unmatched';
  };
}
