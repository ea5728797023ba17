import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import { createAnnouncement, createPerson, createSuggestion } from './helpers/factories.ts';

/** The embedded engine runs the same migrations and queries as PostgreSQL. */
let dataDir: string;
let app: TestApp;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'forum-pglite-'));
  const database = await openDatabase({ DATA_DIR: dataDir });
  expect(database.engine).toBe('pglite');
  const applied = await migrateToLatest(database.db);
  expect(applied.length).toBeGreaterThan(0);
  // A second run finds nothing to do.
  expect(await migrateToLatest(database.db)).toEqual([]);
  await database.close();
  app = await startApp({ DATABASE_URL: undefined, DATA_DIR: dataDir });
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('answers readiness as pglite', async () => {
    const res = await new Client(app.url).get('/readyz');
    expect(res.body).toEqual({ ok: true, engine: 'pglite' });
  });

  it('takes a vote once, even when it arrives twice at the same time', async () => {
    const team = await createPerson(app, { role: 'team' });
    const announcement = await createAnnouncement(team);
    const fan = await createPerson(app);
    const s = await createSuggestion(fan, announcement.id);
    const [a, b] = await Promise.all([
      fan.client.put(`/api/suggestions/${s.id}/vote`),
      fan.client.put(`/api/suggestions/${s.id}/vote`),
    ]);
    expect([a.body, b.body]).toEqual([
      { voteCount: 1, viewerHasVoted: true },
      { voteCount: 1, viewerHasVoted: true },
    ]);
    const thread = await fan.client.get<{
      suggestion: { voteCount: number; viewerHasVoted: boolean };
    }>(`/api/suggestions/${s.id}`);
    expect(thread.body.suggestion).toMatchObject({ voteCount: 1, viewerHasVoted: true });
  });

  it('keeps concurrent transactions apart on its single connection', async () => {
    const team = await createPerson(app, { role: 'team' });
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(team, announcement.id);
    const fans = await Promise.all(Array.from({ length: 5 }, () => createPerson(app)));
    await Promise.all(
      fans.flatMap((f) => [
        f.client.post(`/api/suggestions/${s.id}/replies`, { body: 'hi' }),
        f.client.put(`/api/suggestions/${s.id}/vote`),
      ]),
    );
    const thread = await new Client(app.url).get<{
      suggestion: { voteCount: number; replyCount: number };
      replies: unknown[];
    }>(`/api/suggestions/${s.id}`);
    expect(thread.body.suggestion).toMatchObject({ voteCount: 5, replyCount: 5 });
    expect(thread.body.replies).toHaveLength(5);
  });
});
