/**
 * `npm run bench`: every figure of issue 8 against its baseline, measured in
 * the same run, interleaved, ROUNDS rounds, median. Servers run pinned to
 * cpu 0, the load generator (and pgbench) to cpu 1. The pass/fail figure is
 * CPU time per operation; throughput and latency are reported beside it.
 * Writes bench/results/latest.json and the table in docs/benchmarks.md.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { cpuUs, median, runPinned, type Started, startPinned } from './lib.ts';
import type { HttpJob, HttpRequestSpec, HttpResult, SocketJob, SocketResult } from './load.ts';
import { pagePerformance } from './page.ts';
import { voteSqlForPgbench } from './vote-sql.ts';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SERVER_CPU = 0;
const LOAD_CPU = 1;
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = randomBytes(24).toString('hex');
const APP_NAME = 'forum-bench-app';
const PGBENCH_NAME = 'forum-bench-pgbench';

const log = (...args: unknown[]) => console.error('[bench]', ...args);

// ---------------------------------------------------------------- database

const dbName = `forum_bench_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
log('database', dbName);

const servers: Started[] = [];
const cleanup = async () => {
  for (const server of servers) await server.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end().catch(() => {});
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const appEnv = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  DATABASE_URL: `${dbUrl}?application_name=${APP_NAME}`,
  SESSION_SECRET: SECRET,
  // Request logs off: what is measured is the app, not pino's writes to a pipe.
  LOG_LEVEL: 'warn',
  WRITES_PER_MINUTE: '1000000',
  REGISTRATIONS_PER_HOUR: '1000000',
  PORT: '0',
  HOST: '127.0.0.1',
  ...extra,
});

async function main() {
  const app = await startPinned(path.join(ROOT, 'bench/servers/app.ts'), appEnv(), SERVER_CPU, [
    '--expose-gc',
  ]);
  servers.push(app);
  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => {});
  await db.connect();
  const seed = await seedDatabase(db);
  log('seeded', { ...seed, voters: seed.voters.length });
  const miss = await startPinned(
    path.join(ROOT, 'bench/servers/app.ts'),
    appEnv({ BENCH_THREAD_CACHE: 'off' }),
    SERVER_CPU,
    ['--expose-gc'],
  );
  servers.push(miss);
  const bare = await startPinned(path.join(ROOT, 'bench/servers/bare.ts'), {}, SERVER_CPU, [
    '--expose-gc',
  ]);
  servers.push(bare);
  const redisApp = await startPinned(
    path.join(ROOT, 'bench/servers/app.ts'),
    appEnv({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: dbName }),
    SERVER_CPU,
    ['--expose-gc'],
  );
  servers.push(redisApp);

  const rows: Row[] = [];
  rows.push(...(await httpReads(app, miss, bare, seed)));
  rows.push(...(await statementCounts(miss, seed)));
  rows.push(...(await votes(app, db, seed)));
  rows.push(...(await sockets(app, redisApp, bare, seed)));
  rows.push(...(await pagePerformance(app.url, seed.thread200)));
  for (const server of servers.splice(0)) await server.stop();
  rows.push(...(await clientSize()));
  rows.push(...(await coldStart()));
  await db.end();
  report(rows);
}

// ---------------------------------------------------------------- seeding

interface Seed {
  thread200: string;
  thread1: string;
  list500: string;
  list1: string;
  /** Member ids with a session cookie each. */
  voters: { id: string; cookie: string }[];
  /** Suggestions for spread votes (the app's and pgbench's ranges are apart). */
  spread: string[];
  pgbenchSpread: [number, number];
  pgbenchUsers: [number, number];
  /** Suggestions that take 50 simultaneous voters each. */
  hot: string[];
  /** Votes already cast: these voters on these suggestions. */
  castSuggestions: string[];
  castVoters: [number, number];
  live: string;
  threadBytes: number;
}

/** express-session's cookie value: "s:" + id + "." + base64 HMAC-SHA256 without padding. */
const sign = (value: string) =>
  `s:${value}.${createHmac('sha256', SECRET).update(value).digest('base64').replace(/=+$/, '')}`;

async function seedDatabase(db: pg.Client): Promise<Seed> {
  const one = async (text: string, values: unknown[] = []) =>
    String((await db.query<{ id: string }>(text, values)).rows[0]?.id);
  const team = await one(
    `INSERT INTO users (handle, email, password_hash, role) VALUES ('benchteam', 'team@bench.test', 'x', 'team') RETURNING id`,
  );
  const first = await one(
    `WITH u AS (INSERT INTO users (handle, email, password_hash)
       SELECT 'm' || g, 'm' || g || '@bench.test', 'x' FROM generate_series(1, 3000) g RETURNING id)
     SELECT min(id) AS id FROM u`,
  );
  const userBase = Number(first);
  const announcement = (title: string) =>
    one(
      `INSERT INTO announcements (author_id, title, body, body_html) VALUES ($1, $2, 'b', '<p>b</p>') RETURNING id`,
      [team, title],
    );
  const suggestions = async (announcementId: string, n: number) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO suggestions (announcement_id, author_id, title, body, body_html, vote_count, hot_score, created_at)
       SELECT $1, $2 + (g % 500), 'Suggestion number ' || g, repeat('A thought. ', 20),
              '<p>' || repeat('A thought. ', 20) || '</p>', v, log(1 + v) + extract(epoch from t) / 45000, t
       FROM (SELECT g, (g * 37) % 101 AS v, now() - make_interval(mins => (g * 13) % 5000) AS t
             FROM generate_series(1, $3::int) g) x
       RETURNING id::text AS id`,
      [announcementId, userBase, n],
    );
    await db.query(
      'UPDATE announcements SET suggestion_count = suggestion_count + $2 WHERE id = $1',
      [announcementId, n],
    );
    return rows.map((row) => row.id);
  };
  const replies = async (suggestionId: string, n: number) => {
    const body = 'I would use this every day. '.repeat(11);
    await db.query(
      `WITH ids AS (SELECT nextval(pg_get_serial_sequence('replies', 'id')) AS id, g FROM generate_series(1, $4::int) g)
       INSERT INTO replies (id, suggestion_id, author_id, depth, path, body, body_html, score)
       SELECT id, $1, $2 + (g % 300), 0, lpad(to_hex(id), 12, '0'), $3, '<p>' || $3 || '</p>', g % 7 FROM ids`,
      [suggestionId, userBase, body, n],
    );
    await db.query('UPDATE suggestions SET reply_count = $2 WHERE id = $1', [suggestionId, n]);
  };

  const threads = await announcement('Threads');
  const [thread200, thread1, live] = (await suggestions(threads, 3)) as [string, string, string];
  await replies(thread200, 200);
  await replies(thread1, 1);
  // The live-event suggestion starts without votes.
  await db.query('UPDATE suggestions SET vote_count = 0 WHERE id = $1', [live]);
  const list500 = await announcement('Five hundred');
  await suggestions(list500, 500);
  const list1 = await announcement('One');
  await suggestions(list1, 1);
  const votesAnnouncement = await announcement('Votes');
  const voteTargets = await suggestions(votesAnnouncement, 1100);
  await db.query('UPDATE suggestions SET vote_count = 0 WHERE announcement_id = $1', [
    votesAnnouncement,
  ]);

  // Sessions for 300 members, written as express-session would.
  const voters: Seed['voters'] = [];
  const expires = new Date(Date.now() + 7 * 86_400_000);
  for (let i = 0; i < 300; i += 1) {
    const id = String(userBase + i);
    const sid = randomBytes(24).toString('base64url');
    const sess = {
      cookie: {
        originalMaxAge: 7 * 86_400_000,
        expires: expires.toISOString(),
        secure: false,
        httpOnly: true,
        path: '/',
        sameSite: 'lax',
      },
      passport: { user: id },
      signedInAt: Date.now(),
    };
    await db.query(
      'INSERT INTO sessions (sid, sess, expires_at, user_id) VALUES ($1, $2, $3, $4)',
      [sid, JSON.stringify(sess), expires, id],
    );
    voters.push({ id, cookie: `forum.sid=${encodeURIComponent(sign(sid))}` });
  }

  // Votes already cast: members 300..399 on the first 20 vote targets.
  const castSuggestions = voteTargets.slice(0, 20);
  await db.query(
    `INSERT INTO suggestion_votes (suggestion_id, user_id)
     SELECT s::bigint, u FROM unnest($1::text[]) s, generate_series($2::bigint, $3::bigint) u`,
    [castSuggestions, userBase + 300, userBase + 399],
  );
  await db.query(
    `UPDATE suggestions s SET vote_count = (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id)
     WHERE s.id = ANY($1::bigint[])`,
    [castSuggestions],
  );
  await db.query('VACUUM ANALYZE');
  const pgbenchTargets = voteTargets.slice(600, 1100);
  const thread = await fetch(`http://127.0.0.1:${servers[0]?.port}/api/suggestions/${thread200}`);
  return {
    thread200,
    thread1,
    list500,
    list1,
    voters,
    spread: voteTargets.slice(20, 400),
    pgbenchSpread: [Number(pgbenchTargets[0]), Number(pgbenchTargets.at(-1))],
    pgbenchUsers: [userBase + 1000, userBase + 2999],
    hot: voteTargets.slice(400, 600),
    castSuggestions,
    castVoters: [userBase + 300, userBase + 399],
    live,
    threadBytes: (await thread.arrayBuffer()).byteLength,
  };
}

// ---------------------------------------------------------------- measuring

interface Row {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  met: boolean | null;
  /** Throughput, latency, load-generator CPU: reported beside. */
  note?: string;
}

interface Measured {
  result: HttpResult;
  /** CPU of the server process per operation, µs. */
  serverUs: number;
  /** CPU of the app's PostgreSQL backends per operation, µs. */
  pgUs: number;
}

async function load<T>(job: HttpJob | SocketJob): Promise<T> {
  const { stdout, stderr, code } = await runPinned(
    process.execPath,
    [path.join(ROOT, 'bench/load.ts')],
    LOAD_CPU,
    {
      input: JSON.stringify(job),
    },
  );
  if (code !== 0) throw new Error(`load generator failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as T;
}

async function backendPids(appName: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
    [dbName, appName],
  );
  return rows.map((row) => row.pid);
}

async function measureHttp(
  server: Started,
  job: Omit<HttpJob, 'kind' | 'base'>,
): Promise<Measured> {
  const pgBefore = new Map((await backendPids(APP_NAME)).map((pid) => [pid, cpuUs(pid)]));
  const before = cpuUs(server.pid);
  const result = await load<HttpResult>({ kind: 'http', base: server.url, ...job });
  const serverCpu = cpuUs(server.pid) - before;
  const pgAfter = await backendPids(APP_NAME);
  const pgCpu = pgAfter.reduce((sum, pid) => sum + cpuUs(pid) - (pgBefore.get(pid) ?? 0), 0);
  return { result, serverUs: serverCpu / result.ops, pgUs: pgCpu / result.ops };
}

/** pgbench with a script, pinned to the load cpu; CPU of its backends polled every 5 ms. */
async function pgbench(script: string, clients: number, transactions: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'forum-bench-'));
  const file = path.join(dir, 'script.sql');
  writeFileSync(file, script);
  const seen = new Map<number, number>();
  let polling = true;
  const poll = (async () => {
    while (polling) {
      for (const pid of await backendPids(PGBENCH_NAME))
        seen.set(pid, Math.max(seen.get(pid) ?? 0, cpuUs(pid)));
      for (const pid of seen.keys()) {
        const now = cpuUs(pid);
        if (now > 0) seen.set(pid, Math.max(seen.get(pid) ?? 0, now));
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  const run = await runPinned(
    'pgbench',
    [
      '-n',
      '-M',
      'extended',
      '-f',
      file,
      '-c',
      String(clients),
      '-j',
      '1',
      '-t',
      String(Math.ceil(transactions / clients)),
      dbUrl,
    ],
    LOAD_CPU,
    { env: { PGAPPNAME: PGBENCH_NAME } },
  );
  const wallMs = performance.now() - started;
  polling = false;
  await poll;
  rmSync(dir, { recursive: true, force: true });
  if (run.code !== 0) throw new Error(`pgbench failed: ${run.stderr}\n${run.stdout}`);
  const ops = Math.ceil(transactions / clients) * clients;
  const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1] ?? Number.NaN);
  const pgCpu = [...seen.values()].reduce((a, b) => a + b, 0);
  return { pgUs: pgCpu / ops, tps, wallMs, ops };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

// ---------------------------------------------------------------- HTTP reads

async function httpReads(app: Started, miss: Started, bare: Started, seed: Seed): Promise<Row[]> {
  const threadPath = `/api/suggestions/${seed.thread200}`;
  const listPath = `/api/announcements/${seed.list500}/suggestions?sort=hot`;
  // The baselines serve the app's own bytes.
  const threadBytes = Buffer.from(await (await fetch(app.url + threadPath)).arrayBuffer());
  const listBytes = Buffer.from(await (await fetch(miss.url + listPath)).arrayBuffer());
  await fetch(`${bare.url}/bytes/thread`, { method: 'POST', body: threadBytes });
  await fetch(`${bare.url}/bytes/list`, { method: 'POST', body: listBytes });
  await fetch(`${miss.url}/bench/remember/${seed.thread200}`, { method: 'POST' });
  const etag = (await fetch(app.url + threadPath)).headers.get('etag') ?? '';
  const get = (p: string, h?: Record<string, string>): HttpRequestSpec[] => [
    { m: 'GET', p, ...(h ? { h } : {}) },
  ];
  const figures = {
    cachedApp: { server: app, requests: get(threadPath), count: 3000 },
    cachedBare: { server: bare, requests: get('/bytes/thread'), count: 3000 },
    notModified: { server: app, requests: get(threadPath, { 'if-none-match': etag }), count: 3000 },
    missApp: { server: miss, requests: get(threadPath), count: 400 },
    missMemory: { server: miss, requests: get('/bench/thread-json'), count: 1000 },
    listApp: { server: miss, requests: get(listPath), count: 600 },
    listBare: { server: bare, requests: get('/bytes/list'), count: 3000 },
  } as const;
  const runs: Record<string, Measured[]> = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = Object.entries(figures);
    if (round % 2) order.reverse();
    for (const [name, figure] of order) {
      const measured = await measureHttp(figure.server, {
        concurrency: 8,
        count: figure.count,
        maxMs: 15_000,
        requests: [...figure.requests],
      });
      runs[name] = [...(runs[name] ?? []), measured];
    }
    log('http round', round + 1);
  }
  const cpu = (name: string) => median((runs[name] ?? []).map((m) => m.serverUs));
  const rps = (name: string) =>
    median((runs[name] ?? []).map((m) => (m.result.ops / m.result.wallMs) * 1000));
  const p99 = (name: string) => median((runs[name] ?? []).map((m) => m.result.p99Ms));
  const loadCpu = (name: string) =>
    median((runs[name] ?? []).map((m) => m.result.cpuUs / m.result.ops));
  const beside = (app: string, base: string) =>
    `app ${fmt(rps(app), 0)} req/s p99 ${fmt(p99(app))} ms; baseline ${fmt(rps(base), 0)} req/s p99 ${fmt(p99(base))} ms; load gen ${fmt(loadCpu(app), 0)}/${fmt(loadCpu(base), 0)} µs/op`;
  const statusNote = Object.entries(runs)
    .map(([name, list]) => `${name}: ${JSON.stringify(list[0]?.result.statuses)}`)
    .join(', ');
  log('statuses', statusNote);
  const efficiency = (app: string, base: string) => cpu(base) / cpu(app);
  return [
    {
      name: `thread, ${seed.threadBytes} B, 200 replies, from the cache`,
      value: cpu('cachedApp'),
      unit: 'CPU µs/op',
      baseline: cpu('cachedBare'),
      ratio: efficiency('cachedApp', 'cachedBare'),
      goal: 'efficiency ≥ 0.6',
      met: efficiency('cachedApp', 'cachedBare') >= 0.6,
      note: `${beside('cachedApp', 'cachedBare')}; a 304 revalidation costs ${fmt(cpu('notModified'), 0)} µs`,
    },
    {
      name: 'the same thread missing the cache',
      value: cpu('missApp'),
      unit: 'CPU µs/op',
      baseline: cpu('missMemory'),
      ratio: cpu('missApp') / cpu('missMemory'),
      goal: 'CPU ≤ 3×',
      met: cpu('missApp') / cpu('missMemory') <= 3,
      note: `${beside('missApp', 'missMemory')}; PostgreSQL ${fmt(median((runs.missApp ?? []).map((m) => m.pgUs)), 0)} µs/op beside`,
    },
    {
      name: '30 hottest of 500 suggestions, cache missed',
      value: cpu('listApp'),
      unit: 'CPU µs/op',
      baseline: cpu('listBare'),
      ratio: efficiency('listApp', 'listBare'),
      goal: 'efficiency ≥ 0.05',
      met: efficiency('listApp', 'listBare') >= 0.05,
      note: `${beside('listApp', 'listBare')}; PostgreSQL ${fmt(median((runs.listApp ?? []).map((m) => m.pgUs)), 0)} µs/op beside`,
    },
  ];
}

async function statementCounts(miss: Started, seed: Seed): Promise<Row[]> {
  const count = async (p: string) => {
    const read = async () =>
      ((await (await fetch(`${miss.url}/bench/statements`)).json()) as { statements: number })
        .statements;
    const before = await read();
    const res = await fetch(miss.url + p);
    await res.arrayBuffer();
    return (await read()) - before;
  };
  const t1 = await count(`/api/suggestions/${seed.thread1}`);
  const t200 = await count(`/api/suggestions/${seed.thread200}`);
  const l1 = await count(`/api/announcements/${seed.list1}/suggestions?sort=hot`);
  const l30 = await count(`/api/announcements/${seed.list500}/suggestions?sort=hot`);
  return [
    {
      name: 'SQL statements per thread read, 200 replies (vs 1)',
      value: t200,
      unit: 'statements',
      baseline: t1,
      ratio: t200 / t1,
      goal: 'equal; ≤ 3',
      met: t200 === t1 && t200 <= 3,
    },
    {
      name: 'SQL statements per list page, 30 suggestions (vs 1)',
      value: l30,
      unit: 'statements',
      baseline: l1,
      ratio: l30 / l1,
      goal: 'equal; ≤ 4',
      met: l30 === l1 && l30 <= 4,
    },
  ];
}

// ---------------------------------------------------------------- votes

async function votes(app: Started, db: pg.Client, seed: Seed): Promise<Row[]> {
  const CONCURRENCY = 10;
  const PER_ROUND = 1000;
  const sql = await voteSqlForPgbench();
  const [sLo, sHi] = seed.pgbenchSpread;
  const [uLo, uHi] = seed.pgbenchUsers;
  const [cLo, cHi] = seed.castVoters;
  const castIds = seed.castSuggestions.map(Number);
  const spreadScript = `\\set s random(${sLo}, ${sHi})\n\\set u random(${uLo}, ${uHi})\n${sql.check}\n${sql.cast}\n`;
  const repeatScript = `\\set i random(0, ${castIds.length - 1})\n\\set s ${castIds[0]} + :i\n\\set u random(${cLo}, ${cHi})\n${sql.check}\n`;
  const pkScript = `\\set i random(0, ${castIds.length - 1})\n\\set s ${castIds[0]} + :i\n\\set u random(${cLo}, ${cHi})\nSELECT 1 FROM suggestion_votes WHERE suggestion_id = :s AND user_id = :u;\n`;
  const consecutive = castIds.every((id, i) => id === (castIds[0] as number) + i);
  if (!consecutive)
    throw new Error('the already-cast suggestions are expected to have consecutive ids');

  // Fresh (member, suggestion) pairs for every spread vote: no repeats across rounds.
  let spreadCursor = 0;
  const spreadRequests = (n: number): HttpRequestSpec[] =>
    Array.from({ length: n }, () => {
      const i = spreadCursor++;
      const voter = seed.voters[i % seed.voters.length] as Seed['voters'][number];
      const suggestion = seed.spread[Math.floor(i / seed.voters.length) % seed.spread.length];
      return { m: 'PUT', p: `/api/suggestions/${suggestion}/vote`, h: { cookie: voter.cookie } };
    });
  // 50 members at once on one suggestion, then the next suggestion: hot rows.
  let hotCursor = 0;
  const hotRequests = (n: number): HttpRequestSpec[] => {
    const list: HttpRequestSpec[] = [];
    while (list.length < n) {
      const suggestion = seed.hot[hotCursor++ % seed.hot.length];
      for (let k = 0; k < 50; k += 1) {
        const voter = seed.voters[
          (hotCursor * 50 + k) % seed.voters.length
        ] as Seed['voters'][number];
        list.push({
          m: 'PUT',
          p: `/api/suggestions/${suggestion}/vote`,
          h: { cookie: voter.cookie },
        });
      }
    }
    return list.slice(0, n);
  };
  const repeatRequests = (n: number): HttpRequestSpec[] =>
    Array.from({ length: n }, (_, i) => {
      const suggestion = seed.castSuggestions[i % seed.castSuggestions.length];
      // Members 300..399 have voted there, but have no session: reuse the voters' sessions on their own cast votes.
      const voter = seed.voters[i % 100] as Seed['voters'][number];
      return { m: 'PUT', p: `/api/suggestions/${suggestion}/vote`, h: { cookie: voter.cookie } };
    });
  // The voters with sessions cast their votes on the cast suggestions now, so the repeats are repeats.
  await db.query(
    `INSERT INTO suggestion_votes (suggestion_id, user_id)
     SELECT s::bigint, u::bigint FROM unnest($1::text[]) s, unnest($2::text[]) u ON CONFLICT DO NOTHING`,
    [seed.castSuggestions, seed.voters.slice(0, 100).map((v) => v.id)],
  );
  await db.query(
    `UPDATE suggestions s SET vote_count = (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id)
     WHERE s.id = ANY($1::bigint[])`,
    [seed.castSuggestions],
  );
  const versions = async () =>
    (
      await db.query<{ v: string }>(
        `SELECT string_agg(ctid::text || xmin::text, ',' ORDER BY id) AS v FROM suggestions WHERE id = ANY($1::bigint[])`,
        [seed.castSuggestions],
      )
    ).rows[0]?.v;
  const tableStats = async () =>
    (
      await admin.query<{ relname: string; ins: string; upd: string; del: string }>(
        `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del FROM pg_stat_user_tables
         WHERE relname IN ('suggestions', 'suggestion_votes') ORDER BY relname`,
      )
    ).rows;

  const spread: Measured[] = [];
  const hot: Measured[] = [];
  const repeat: Measured[] = [];
  const pgSpread: Awaited<ReturnType<typeof pgbench>>[] = [];
  const pgRepeat: Awaited<ReturnType<typeof pgbench>>[] = [];
  const pgPk: Awaited<ReturnType<typeof pgbench>>[] = [];
  let repeatChangedRows = false;
  let pgRepeatChanged = '';
  for (let round = 0; round < ROUNDS; round += 1) {
    const job = (requests: HttpRequestSpec[]) => ({
      concurrency: CONCURRENCY,
      count: requests.length,
      maxMs: 30_000,
      requests,
    });
    spread.push(await measureHttp(app, job(spreadRequests(PER_ROUND))));
    pgSpread.push(await pgbench(spreadScript, CONCURRENCY, PER_ROUND));
    const hotJob = hotRequests(PER_ROUND);
    hot.push(
      await measureHttp(app, {
        concurrency: 50,
        count: hotJob.length,
        maxMs: 30_000,
        requests: hotJob,
      }),
    );
    const beforeVersions = await versions();
    repeat.push(await measureHttp(app, job(repeatRequests(PER_ROUND))));
    if ((await versions()) !== beforeVersions) repeatChangedRows = true;
    const statsBefore = await tableStats();
    pgRepeat.push(await pgbench(repeatScript, CONCURRENCY, PER_ROUND * 2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const statsAfter = await tableStats();
    if (JSON.stringify(statsBefore) !== JSON.stringify(statsAfter))
      pgRepeatChanged = JSON.stringify({ statsBefore, statsAfter });
    pgPk.push(await pgbench(pkScript, CONCURRENCY, PER_ROUND * 2));
    log('votes round', round + 1);
  }
  log(
    'vote statuses',
    spread[0]?.result.statuses,
    hot[0]?.result.statuses,
    repeat[0]?.result.statuses,
  );
  const total = (list: Measured[]) => median(list.map((m) => m.serverUs + m.pgUs));
  const rate = (list: Measured[]) =>
    median(list.map((m) => (m.result.ops / m.result.wallMs) * 1000));
  const hotRatio = median(
    hot.map((m, i) => {
      const s = spread[i] as Measured;
      return m.result.ops / m.result.wallMs / (s.result.ops / s.result.wallMs);
    }),
  );
  const pgSpreadUs = median(pgSpread.map((r) => r.pgUs));
  const pgRepeatUs = median(pgRepeat.map((r) => r.pgUs));
  const pgPkUs = median(pgPk.map((r) => r.pgUs));
  return [
    {
      name: 'votes spread over many suggestions, over HTTP',
      value: total(spread),
      unit: 'CPU µs/vote (node + PostgreSQL)',
      baseline: pgSpreadUs,
      ratio: pgSpreadUs / total(spread),
      goal: '≥ 0.35×',
      met: pgSpreadUs / total(spread) >= 0.35,
      note: `app ${fmt(rate(spread), 0)} votes/s (node ${fmt(median(spread.map((m) => m.serverUs)), 0)} + PostgreSQL ${fmt(median(spread.map((m) => m.pgUs)), 0)} µs); pgbench ${fmt(median(pgSpread.map((r) => r.tps)), 0)} tps, ${CONCURRENCY} clients each`,
    },
    {
      name: '50 members voting on one hot suggestion, over HTTP',
      value: rate(hot),
      unit: 'votes/s',
      baseline: rate(spread),
      ratio: hotRatio,
      goal: '≥ 0.7× (throughput, per-round ratio)',
      met: hotRatio >= 0.7,
      note: `CPU ${fmt(total(hot), 0)} vs ${fmt(total(spread), 0)} µs/vote; p99 ${fmt(median(hot.map((m) => m.result.p99Ms)))} ms`,
    },
    {
      name: 'a vote already cast: the app’s statement (pgbench)',
      value: pgRepeatUs,
      unit: 'PostgreSQL CPU µs/op',
      baseline: pgPkUs,
      ratio: pgRepeatUs / pgPkUs,
      goal: '≤ 1.2×, no dead tuple',
      met: pgRepeatUs / pgPkUs <= 1.2 && !repeatChangedRows && pgRepeatChanged === '',
      note: `over HTTP: ${fmt(total(repeat), 0)} µs/op (node ${fmt(median(repeat.map((m) => m.serverUs)), 0)} + PostgreSQL ${fmt(median(repeat.map((m) => m.pgUs)), 0)}), ${fmt(rate(repeat), 0)} req/s; rows rewritten by repeats: ${repeatChangedRows ? 'yes' : 'none'}; tuples inserted/updated/deleted by pgbench repeats: ${pgRepeatChanged === '' ? 'none' : pgRepeatChanged}`,
    },
  ];
}

// ---------------------------------------------------------------- sockets

async function sockets(app: Started, redisApp: Started, bare: Started, seed: Seed): Promise<Row[]> {
  const room = `suggestion:${seed.live}`;
  const voter = seed.voters[299] as Seed['voters'][number];
  const votePath = `/api/suggestions/${seed.live}/vote`;
  const base = {
    kind: 'sockets' as const,
    room,
    cookies: seed.voters.map((v) => v.cookie),
    total: 1000,
    probes: 5,
    events: 12,
    gapMs: 250,
    event: 'suggestion:votes',
  };
  const appTriggers = [
    { m: 'PUT', p: votePath, h: { cookie: voter.cookie } },
    { m: 'DELETE', p: votePath, h: { cookie: voter.cookie } },
  ];
  const bareTriggers = [
    {
      m: 'POST',
      p: `/emit/${encodeURIComponent(room)}`,
      body: JSON.stringify(['suggestion:votes', { id: seed.live, voteCount: 1 }]),
    },
  ];
  const results: Record<'bare' | 'app' | 'redis', SocketResult[]> = {
    bare: [],
    app: [],
    redis: [],
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    results.bare.push(
      await load<SocketResult>({ ...base, base: bare.url, triggers: bareTriggers }),
    );
    results.app.push(await load<SocketResult>({ ...base, base: app.url, triggers: appTriggers }));
    results.redis.push(
      await load<SocketResult>({ ...base, base: redisApp.url, triggers: appTriggers }),
    );
    log('socket round', round + 1, results.app.at(-1));
  }
  const m = (name: keyof typeof results, key: keyof SocketResult) =>
    median(results[name].map((r) => r[key]));
  const delivered = (name: keyof typeof results) =>
    `${m(name, 'received')}/${m(name, 'expected')} delivered`;
  const KiB = 1024;
  return [
    {
      name: 'vote → event at 1000 subscribed sockets, p50',
      value: m('app', 'p50Ms'),
      unit: 'ms',
      baseline: m('bare', 'p50Ms'),
      ratio: m('app', 'p50Ms') / m('bare', 'p50Ms'),
      goal: '≤ 1.3×',
      met: m('app', 'p50Ms') / m('bare', 'p50Ms') <= 1.3,
      note: `app ${delivered('app')}, bare ${delivered('bare')}`,
    },
    {
      name: 'vote → event at 1000 subscribed sockets, p99',
      value: m('app', 'p99Ms'),
      unit: 'ms',
      baseline: m('bare', 'p99Ms'),
      ratio: m('app', 'p99Ms') / m('bare', 'p99Ms'),
      goal: '≤ 1.5×',
      met: m('app', 'p99Ms') / m('bare', 'p99Ms') <= 1.5,
    },
    {
      name: 'the same with the Redis streams adapter, p50',
      value: m('redis', 'p50Ms'),
      unit: 'ms',
      baseline: m('app', 'p50Ms'),
      ratio: m('redis', 'p50Ms') - m('app', 'p50Ms'),
      goal: '+ ≤ 5 ms',
      met: m('redis', 'p50Ms') - m('app', 'p50Ms') <= 5,
      note: `redis ${delivered('redis')}`,
    },
    {
      name: 'the same with the Redis streams adapter, p99',
      value: m('redis', 'p99Ms'),
      unit: 'ms',
      baseline: m('app', 'p99Ms'),
      ratio: m('redis', 'p99Ms') - m('app', 'p99Ms'),
      goal: '+ ≤ 15 ms',
      met: m('redis', 'p99Ms') - m('app', 'p99Ms') <= 15,
    },
    {
      name: 'heap per idle signed-in socket (1000, after GC)',
      value: m('app', 'heapPerSocket') / KiB,
      unit: 'KiB',
      baseline: m('bare', 'heapPerSocket') / KiB,
      ratio: m('app', 'heapPerSocket') / m('bare', 'heapPerSocket'),
      goal: '≤ 12 KiB',
      met: m('app', 'heapPerSocket') / KiB <= 12,
    },
    {
      name: 'RSS per idle signed-in socket (1000, after GC)',
      value: m('app', 'rssPerSocket') / KiB,
      unit: 'KiB',
      baseline: m('bare', 'rssPerSocket') / KiB,
      ratio: m('app', 'rssPerSocket') / m('bare', 'rssPerSocket'),
      goal: '≤ 32 KiB',
      met: m('app', 'rssPerSocket') / KiB <= 32,
    },
  ];
}

// ---------------------------------------------------------------- client and start

async function clientSize(): Promise<Row[]> {
  const dist = path.join(ROOT, 'client/dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    log('building the client');
    await runPinned(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'client'],
      LOAD_CPU,
    );
  }
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  // Follow the entry's static imports (Vite lists them as `import ... from "./x.js"` at the top).
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const match of text.matchAll(
      /(?:^|;)import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      walk(`assets/${match[1]}`);
    }
  };
  for (const file of initial) walk(file);
  const all = readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const before = [...seen].reduce((sum, f) => sum + gz(f), 0) / 1000;
  const total = all.reduce((sum, f) => sum + gz(f), 0) / 1000;
  return [
    {
      name: 'client JS before the socket client loads, gzip',
      value: before,
      unit: 'KB',
      baseline: null,
      ratio: null,
      goal: '≤ 40 KB',
      met: before <= 40,
      note: [...seen].join(', '),
    },
    {
      name: 'client JS in all, gzip',
      value: total,
      unit: 'KB',
      baseline: null,
      ratio: null,
      goal: '≤ 60 KB',
      met: total <= 60,
    },
  ];
}

async function coldStart(): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'forum-cold-'));
  const started = performance.now();
  let firstOk = Number.NaN;
  const server = await startPinned(
    path.join(ROOT, 'scripts/start.ts'),
    { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    SERVER_CPU,
  ).catch((err: unknown) => {
    log('cold start failed', err);
    return undefined;
  });
  if (server) {
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      const res = await fetch(`${server.url}/readyz`).catch(() => undefined);
      if (res?.status === 200) {
        firstOk = performance.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await server.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
  const seconds = firstOk / 1000;
  return [
    {
      name: '`npm start` on the embedded database, cold, to the first 200',
      value: seconds,
      unit: 's',
      baseline: null,
      ratio: null,
      goal: '≤ 10 s',
      met: seconds <= 10,
    },
  ];
}

// ---------------------------------------------------------------- report

function report(rows: Row[]) {
  const show = (value: number | null, digits = 2) => (value === null ? '—' : fmt(value, digits));
  const table = [
    '| figure | value | unit | baseline | ratio | goal | met |',
    '|---|---:|---|---:|---:|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${show(row.value)} | ${row.unit} | ${show(row.baseline)} | ${show(row.ratio)} | ${row.goal} | ${row.met === null ? '—' : row.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
  const notes = rows
    .filter((row) => row.note)
    .map((row) => `- **${row.name}**: ${row.note}`)
    .join('\n');
  console.log(table);
  console.log(notes);
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench/results/latest.json'),
    `${JSON.stringify(
      rows.map(({ name, value, unit, baseline, ratio, goal, met }) => ({
        name,
        value,
        unit,
        baseline,
        ratio,
        goal,
        met,
      })),
      null,
      2,
    )}\n`,
  );
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, node ${process.version}, ${os.platform()} ${os.release()}, ${new Date().toISOString()}`;
  const doc = path.join(ROOT, 'docs/benchmarks.md');
  const generated = `<!-- bench:start -->\nMachine: ${machine}. ${ROUNDS} rounds, median; server on cpu ${SERVER_CPU}, load on cpu ${LOAD_CPU}.\n\n${table}\n\nBeside the pass/fail figure:\n\n${notes}\n<!-- bench:end -->`;
  const current = existsSync(doc)
    ? readFileSync(doc, 'utf8')
    : '# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
  writeFileSync(doc, current.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, generated));
  log('wrote bench/results/latest.json and docs/benchmarks.md');
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
