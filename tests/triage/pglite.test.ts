import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Notification,
  Page,
  SimilarSuggestion,
  SuggestionView,
} from '../../server/contracts.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
} from '../helpers/factories.ts';
import { notificationsOf, vote } from './helpers.ts';

/** The whole triage loop on the embedded engine: same migrations, same queries. */
let dataDir: string;
let app: TestApp;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'forum-triage-pglite-'));
  const database = await openDatabase({ DATA_DIR: dataDir });
  await migrateToLatest(database.db);
  await database.close();
  app = await startApp({ DATABASE_URL: undefined, DATA_DIR: dataDir });
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('triage on PGlite', () => {
  it('status, notifications, tags, search, similar, merge and unmerge, shipped digest, feed', async () => {
    const [team, fan, other] = await Promise.all([
      createPerson(app, { role: 'team' }),
      createPerson(app),
      createPerson(app),
    ]);
    const launch = await createAnnouncement(team);
    const dark = await createSuggestion(fan, launch.id, {
      title: 'Add a dark mode to the camera app',
      body: 'My eyes hurt at night',
    });
    const dup = await createSuggestion(other, launch.id, { title: 'Camera app needs dark mode' });
    await vote(other, dark.id);
    await vote(fan, dup.id);
    await createReply(other, dup.id, { body: 'Same here' });

    const status = await team.client.patch(`/api/suggestions/${dark.id}/status`, {
      status: 'planned',
      note: 'Soon',
    });
    expect(status.status).toBe(200);
    expect((await notificationsOf(other)).find((n) => n.kind === 'status')).toMatchObject({
      to: 'planned',
    });

    const tag = await team.client.post<{ tag: { id: string; name: string } }>('/api/tags', {
      name: 'Camera',
    });
    await team.client.put(`/api/suggestions/${dark.id}/tags`, { tagIds: [tag.body.tag.id] });
    const tagged = await new Client(app.url).get<Page<SuggestionView>>(
      `/api/announcements/${launch.id}/suggestions?tag=camera`,
    );
    expect(tagged.body.items.map((s) => s.id)).toEqual([dark.id]);

    const found = await new Client(app.url).get<Page<SuggestionView>>('/api/search?q=eyes+night');
    expect(found.body.items.map((s) => s.id)).toEqual([dark.id]);
    for (const q of ['"', '&|!():*', "'; --", '\\', '<script>']) {
      expect((await new Client(app.url).get(`/api/search?q=${encodeURIComponent(q)}`)).status).toBe(
        200,
      );
    }
    const similar = await new Client(app.url).get<{ items: SimilarSuggestion[] }>(
      `/api/suggestions/similar?title=${encodeURIComponent('dark camera mode')}&announcementId=${launch.id}`,
    );
    expect(similar.body.items.map((s) => s.id)).toEqual(expect.arrayContaining([dark.id, dup.id]));

    const merged = await team.client.post<{ target: SuggestionView }>(
      `/api/suggestions/${dup.id}/merge`,
      { intoId: dark.id },
    );
    expect(merged.body.target).toMatchObject({ voteCount: 2, replyCount: 1 });
    expect((await notificationsOf(fan)).some((n) => n.kind === 'merged')).toBe(true);
    const undone = await team.client.post<{ source: SuggestionView; target: SuggestionView }>(
      `/api/suggestions/${dup.id}/unmerge`,
    );
    expect(undone.body.source).toMatchObject({ status: 'open', voteCount: 1, replyCount: 1 });
    expect(undone.body.target).toMatchObject({ voteCount: 1, replyCount: 0 });

    const update = await createAnnouncement(team, { title: 'Update 1' });
    const shipped = await team.client.post(`/api/announcements/${update.id}/shipped`, {
      suggestionIds: [dark.id, dup.id],
    });
    expect(shipped.status).toBe(200);
    const digests = (await notificationsOf(fan)).filter(
      (n): n is Extract<Notification, { kind: 'shipped' }> => n.kind === 'shipped',
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]?.suggestions.map((s) => s.id)).toEqual([dark.id, dup.id]);

    const roadmap = await new Client(app.url).get<{ shipped: SuggestionView[] }>('/api/roadmap');
    expect(roadmap.body.shipped.map((s) => s.id).sort()).toEqual([dark.id, dup.id].sort());
    const feed = await new Client(app.url).get('/api/announcements.atom');
    expect(String(feed.body)).toContain('Update 1');
  });
});
