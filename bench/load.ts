/**
 * The load generator: one job (JSON on stdin), run in its own process that
 * bench/run.ts pins away from the server; prints one JSON result line.
 * Bounded by count and by time (maxMs), whichever comes first.
 */
import http from 'node:http';
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

export interface HttpRequestSpec {
  m: string;
  p: string;
  h?: Record<string, string>;
}

export interface HttpJob {
  kind: 'http';
  base: string;
  concurrency: number;
  count: number;
  maxMs: number;
  /** Cycled through in order: request i is requests[i % length]. */
  requests: HttpRequestSpec[];
}

export interface SocketJob {
  kind: 'sockets';
  base: string;
  room: string;
  /** Session cookies, used round robin (signed-in sockets). */
  cookies: string[];
  total: number;
  /** Real socket.io clients among them; the rest speak the protocol over bare websockets. */
  probes: number;
  events: number;
  gapMs: number;
  /** Sent to make one event happen; cycled. */
  triggers: (HttpRequestSpec & { body?: string })[];
  /** The event name the triggers cause. */
  event: string;
}

export interface HttpResult {
  ops: number;
  statuses: Record<string, number>;
  wallMs: number;
  p50Ms: number;
  p99Ms: number;
  cpuUs: number;
}

export interface SocketResult {
  connected: number;
  p50Ms: number;
  p99Ms: number;
  received: number;
  expected: number;
  heapPerSocket: number;
  rssPerSocket: number;
  cpuUs: number;
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number)
    : Number.NaN;
};

function request(
  agent: http.Agent,
  base: URL,
  spec: HttpRequestSpec & { body?: string },
): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.m,
        path: spec.p,
        headers: { ...spec.h, ...(spec.body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(spec.body);
  });
}

async function runHttp(job: HttpJob): Promise<HttpResult> {
  const base = new URL(job.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < job.count && performance.now() - start < job.maxMs) {
      const spec = job.requests[next % job.requests.length] as HttpRequestSpec;
      next += 1;
      const t0 = performance.now();
      const status = await request(agent, base, spec);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    ops: latencies.length,
    statuses,
    wallMs,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    cpuUs: cpu.user + cpu.system,
  };
}

async function memory(base: string): Promise<{ heapUsed: number; rss: number }> {
  const res = await fetch(`${base}/bench/memory`);
  return (await res.json()) as { heapUsed: number; rss: number };
}

async function runSockets(job: SocketJob): Promise<SocketResult> {
  const cpu0 = process.cpuUsage();
  const wsBase = job.base.replace(/^http/, 'ws');
  const before = await memory(job.base);
  let current: { t0: number; seen: number } | undefined;
  const latencies: number[] = [];
  const arrived = () => {
    if (!current) return;
    latencies.push(performance.now() - current.t0);
    current.seen += 1;
  };
  const probes: Socket[] = [];
  const raws: WebSocket[] = [];
  const cookieOf = (i: number) => job.cookies[i % job.cookies.length] ?? '';

  const openProbe = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = connectSocket(job.base, {
        transports: ['websocket'],
        extraHeaders: { cookie: cookieOf(i) },
        reconnection: false,
      });
      probes.push(socket);
      socket.on(job.event, arrived);
      socket.once('connect_error', reject);
      socket.once('connect', () => {
        socket.emit('subscribe', { room: job.room }, () => resolve());
      });
    });

  // engine.io v4 over a bare websocket: "0" open, "40" connect, "42[...]" event, "43n[...]" ack, "2"/"3" ping/pong.
  const openRaw = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${wsBase}/socket.io/?EIO=4&transport=websocket`, {
        headers: { cookie: cookieOf(i) },
        perMessageDeflate: false,
      });
      raws.push(ws);
      const prefix = `42["${job.event}"`;
      ws.on('error', reject);
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text === '2') ws.send('3');
        else if (text.startsWith(prefix)) arrived();
        else if (text.startsWith('0')) ws.send('40');
        else if (text.startsWith('40'))
          ws.send(`421${JSON.stringify(['subscribe', { room: job.room }])}`);
        else if (text.startsWith('431')) resolve();
      });
    });

  const rawCount = job.total - job.probes;
  for (let i = 0; i < job.probes; i += 1) await openProbe(i);
  for (let i = 0; i < rawCount; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, rawCount - i) }, (_, k) => openRaw(job.probes + i + k)),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = await memory(job.base);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(job.base);
  let received = 0;
  for (let e = 0; e < job.events; e += 1) {
    current = { t0: performance.now(), seen: 0 };
    const trigger = job.triggers[e % job.triggers.length] as HttpRequestSpec & { body?: string };
    await request(agent, base, trigger);
    const deadline = performance.now() + 3_000;
    while (current.seen < job.total && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    received += current.seen;
    current = undefined;
    await new Promise((resolve) => setTimeout(resolve, job.gapMs));
  }
  agent.destroy();
  for (const socket of probes) socket.disconnect();
  for (const ws of raws) ws.terminate();
  const cpu = process.cpuUsage(cpu0);
  return {
    connected: probes.length + raws.length,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    received,
    expected: job.total * job.events,
    heapPerSocket: (after.heapUsed - before.heapUsed) / job.total,
    rssPerSocket: (after.rss - before.rss) / job.total,
    cpuUs: cpu.user + cpu.system,
  };
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const job = JSON.parse(Buffer.concat(chunks).toString()) as HttpJob | SocketJob;
const result = job.kind === 'http' ? await runHttp(job) : await runSockets(job);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
