import type { AddressInfo } from 'node:net';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type ForumApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Notification } from '../../server/contracts.ts';
import type { DB } from '../../server/db/schema.ts';
import { createLogger } from '../../server/logger.ts';
import type { TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import { createAnnouncement, createPerson, createSuggestion } from '../helpers/factories.ts';
import { addVoters } from './helpers.ts';

/**
 * The real app over HTTP, on a Kysely whose `log` hook records every statement
 * it sends, so a test can count what one request cost.
 */
let app: TestApp;
let forum: ForumApp;
const statements: string[] = [];

beforeAll(async () => {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: inject('databaseUrl'),
      SESSION_SECRET: 'test-secret-test-secret-test-secret-42',
      LOG_LEVEL: 'silent',
      WRITES_PER_MINUTE: '10000',
      REGISTRATIONS_PER_HOUR: '100000',
    },
    () => {},
  );
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 5 });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query.sql);
    },
  });
  const database = { db, engine: 'postgres' as const, pool, close: () => db.destroy() };
  forum = createApp({ config, database, logger: createLogger('silent') });
  await new Promise<void>((resolve) => forum.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = forum.httpServer.address() as AddressInfo;
  app = {
    url: `http://127.0.0.1:${port}`,
    database,
    forum,
    async close() {
      await forum.close();
      forum.httpServer.closeAllConnections();
      await new Promise<void>((resolve) => forum.httpServer.close(() => resolve()));
      await database.close();
    },
  };
});
afterAll(() => app.close());

/** Runs the request and returns the statements it sent. */
async function counting<T>(run: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  statements.length = 0;
  const result = await run();
  return { result, sent: [...statements] };
}

const inserts = (sent: string[], table: string) =>
  sent.filter((q) => new RegExp(`insert\\s+into\\s+"?${table}"?\\s`, 'i').test(q));

describe('fan-out to thousands of voters', () => {
  it('a status change reaches 2,000 voters with ONE insert statement and pushes each one once', async () => {
    const team = await createPerson(app, { role: 'team' });
    const author = await createPerson(app);
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(author, announcement.id, { title: 'Popular idea' });
    const voters = await addVoters(app, idea.id, 2_000);

    const pushed: { userId: string; notification: Notification }[] = [];
    const original = forum.broadcast.notification;
    forum.broadcast.notification = (userId, notification) => {
      pushed.push({ userId, notification: notification as Notification });
      original(userId, notification);
    };
    try {
      const { result, sent } = await counting(() =>
        team.client.patch(`/api/suggestions/${idea.id}/status`, {
          status: 'planned',
          note: 'Coming soon',
        }),
      );
      expect(result.status).toBe(200);
      // One statement wrote every notification, and the request's statement count
      // does not grow with the audience (a loop would send ~2,000).
      expect(inserts(sent, 'notifications')).toHaveLength(1);
      expect(inserts(sent, 'notifications')[0]).toMatch(/insert into notifications[\s\S]+select/i);
      expect(sent.length).toBeLessThan(20);

      const { rows } = await sql<{ n: string }>`
        SELECT count(*) AS n FROM notifications
        WHERE suggestion_id = ${idea.id} AND kind = 'status'`.execute(app.database.db);
      expect(Number(rows[0]?.n)).toBe(2_001); // the voters and the author; not the team member

      await new Promise((resolve) => setTimeout(resolve, 100));
      const recipients = new Set(pushed.map((p) => p.userId));
      expect(pushed).toHaveLength(2_001);
      expect(recipients.size).toBe(2_001);
      for (const id of [...voters.slice(0, 3), author.user.id])
        expect(recipients.has(id)).toBe(true);
      expect(recipients.has(team.user.id)).toBe(false);
      expect(new Set(pushed.map((p) => p.notification.id)).size).toBe(2_001);
      expect(pushed[0]?.notification).toMatchObject({
        kind: 'status',
        to: 'planned',
        note: 'Coming soon',
        suggestion: { id: idea.id, title: 'Popular idea' },
      });
    } finally {
      forum.broadcast.notification = original;
    }

    // A voter's list shows it like any other notification.
    const fan = await createPerson(app);
    await fan.client.put(`/api/suggestions/${idea.id}/vote`);
    const { sent } = await counting(() =>
      team.client.patch(`/api/suggestions/${idea.id}/status`, { status: 'in_progress' }),
    );
    expect(inserts(sent, 'notifications')).toHaveLength(1);
    const mine = await fan.client.get<{ items: Notification[] }>('/api/notifications');
    expect(mine.body.items[0]).toMatchObject({
      kind: 'status',
      from: 'planned',
      to: 'in_progress',
    });
    expect((await new Client(app.url).get('/api/notifications')).status).toBe(401);
  });
});
