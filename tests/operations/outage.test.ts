import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { SuggestionView } from '../../server/contracts.ts';
import { Client } from '../helpers/client.ts';
import { PASSWORD, uniqueHandle } from '../helpers/factories.ts';
import { type ServerProcess, spawnServer } from '../helpers/server-process.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const OUTAGE_MS = 10_000;

/** What the load saw: every acknowledged write, and every answer by status. */
interface Ledger {
  suggestions: string[];
  votes: { suggestionId: string; userId: string }[];
  statuses: Map<number, number>;
  /** Answers that were neither 2xx nor a well-formed 503 (with their body). */
  unexpected: string[];
  /** Timestamps of 2xx writes, to see writes succeed again after the outage. */
  okAt: number[];
}

async function register(url: string, role?: 'team') {
  const client = new Client(url);
  const handle = uniqueHandle(role ?? 'ops');
  const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
    handle,
    email: `${handle}@example.test`,
    password: PASSWORD,
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, id: res.body.user.id };
}

describe('a database outage under load', () => {
  let server: ServerProcess | undefined;
  let proxy: TcpProxy | undefined;
  const direct = new pg.Client({ connectionString: inject('databaseUrl') });
  afterAll(async () => {
    if (process.env.DEBUG_OPS) {
      const lines = server?.output().split('\n') ?? [];
      console.log(lines.join('\n'));
    }
    server?.kill();
    await proxy?.close();
    await direct.end().catch(() => {});
  });

  it('answers 503, stays up, recovers by itself, and loses no acknowledged write', async () => {
    const target = new URL(inject('databaseUrl'));
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    server = await spawnServer({ DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'info' });
    const url = server.url;
    await direct.connect();

    // An announcement by a team member, and members to write.
    const team = await register(url);
    await direct.query(`UPDATE users SET role = 'team' WHERE id = $1`, [team.id]);
    const created = await team.client.post<{ announcement: { id: string } }>('/api/announcements', {
      title: 'Outage drill',
      body: 'Keep writing',
    });
    const announcementId = created.body.announcement.id;
    const members = await Promise.all(Array.from({ length: 6 }, () => register(url)));

    const ledger: Ledger = {
      suggestions: [],
      votes: [],
      statuses: new Map(),
      unexpected: [],
      okAt: [],
    };
    const note = (status: number, body: unknown) => {
      ledger.statuses.set(status, (ledger.statuses.get(status) ?? 0) + 1);
      const ok = status >= 200 && status < 300;
      const shaped =
        status === 503 && (body as { error?: { code?: string } }).error?.code === 'unavailable';
      if (!ok && !shaped) ledger.unexpected.push(`${status} ${JSON.stringify(body)}`);
      return ok;
    };

    // Each member writes in a loop: a suggestion, then a vote on someone else's.
    let running = true;
    const known: string[] = [];
    const loops = members.map(async (member, index) => {
      let n = 0;
      while (running) {
        n += 1;
        try {
          if (n % 2 === 1 || known.length === 0) {
            const res = await member.client.post<{ suggestion: SuggestionView }>(
              `/api/announcements/${announcementId}/suggestions`,
              { title: `Idea ${index}-${n}`, body: 'Written during the drill' },
            );
            if (note(res.status, res.body)) {
              ledger.suggestions.push(res.body.suggestion.id);
              known.push(res.body.suggestion.id);
              ledger.okAt.push(Date.now());
            }
          } else {
            const suggestionId = known[(index * 7 + n) % known.length] as string;
            const res = await member.client.put(`/api/suggestions/${suggestionId}/vote`);
            if (note(res.status, res.body)) {
              ledger.votes.push({ suggestionId, userId: member.id });
              ledger.okAt.push(Date.now());
            }
          }
          const read = await new Client(url).get(
            `/api/announcements/${announcementId}/suggestions`,
          );
          note(read.status, read.body);
        } catch (err) {
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          ledger.unexpected.push(`request failed: ${String(cause?.code ?? cause?.message ?? err)}`);
          if (process.env.DEBUG_OPS)
            console.log('FAILED', n, Date.now(), String(err), JSON.stringify(cause));
          await sleep(50);
        }
      }
    });

    await sleep(1_500);
    expect(ledger.okAt.length, 'writes before the outage').toBeGreaterThan(0);

    // Cut the line; /readyz must say so within 2 s.
    const visitor = new Client(url);
    const cutAt = Date.now();
    proxy.cut();
    let notReadyAfter: number | undefined;
    while (Date.now() - cutAt < 5_000) {
      const ready = await visitor.get('/readyz');
      if (ready.status === 503) {
        expect(ready.body).toMatchObject({ error: { code: 'unavailable' } });
        notReadyAfter = Date.now() - cutAt;
        break;
      }
      await sleep(100);
    }
    expect(notReadyAfter, '/readyz turned 503 (ms after the cut)').toBeLessThanOrEqual(2_000);

    await sleep(OUTAGE_MS - (Date.now() - cutAt));
    const during = ledger.statuses.get(503) ?? 0;
    expect(during, '503 answers during the outage').toBeGreaterThan(0);
    const anonymous = await visitor.get(`/api/announcements/${announcementId}`);
    expect(anonymous.status).toBe(503);
    expect(anonymous.headers.get('retry-after')).toBeTruthy();
    expect(server.child.exitCode, 'the process stays up').toBeNull();

    // The database comes back; the app notices by itself.
    const restoredAt = Date.now();
    proxy.restore();
    let ready = 0;
    while (Date.now() - restoredAt < 15_000) {
      ready = (await visitor.get('/readyz')).status;
      if (ready === 200) break;
      await sleep(200);
    }
    expect(ready, '/readyz after the database returned').toBe(200);
    const deadline = Date.now() + 15_000;
    while (!ledger.okAt.some((at) => at > restoredAt) && Date.now() < deadline) await sleep(100);
    running = false;
    await Promise.all(loops);
    expect(ledger.okAt.filter((at) => at > restoredAt).length, 'writes after').toBeGreaterThan(0);
    expect(ledger.unexpected, 'answers other than 2xx or a shaped 503').toEqual([]);
    if (process.env.DEBUG_OPS) console.log({ notReadyAfter, statuses: ledger.statuses });

    // Every acknowledged write is in the database, and the counters agree with the rows.
    const stored = await direct.query<{ id: string }>(
      'SELECT id::text FROM suggestions WHERE announcement_id = $1',
      [announcementId],
    );
    const storedIds = new Set(stored.rows.map((row) => row.id));
    expect(ledger.suggestions.filter((id) => !storedIds.has(id))).toEqual([]);
    const votes = await direct.query<{ key: string }>(
      `SELECT suggestion_id || ':' || user_id AS key FROM suggestion_votes v
       JOIN suggestions s ON s.id = v.suggestion_id WHERE s.announcement_id = $1`,
      [announcementId],
    );
    const voteKeys = new Set(votes.rows.map((row) => row.key));
    expect(
      ledger.votes.filter((vote) => !voteKeys.has(`${vote.suggestionId}:${vote.userId}`)),
    ).toEqual([]);
    const drift = await direct.query(
      `SELECT s.id FROM suggestions s WHERE s.announcement_id = $1
       AND s.vote_count <> (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id)`,
      [announcementId],
    );
    expect(drift.rows).toEqual([]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 90_000);
});
