import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, SuggestionView, Tag } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
  uniqueHandle,
} from '../helpers/factories.ts';
import { eventually, join, listen } from './helpers.ts';

let app: TestApp;
let team: Person;
let fan: Person;
beforeAll(async () => {
  app = await startApp();
  [team, fan] = await Promise.all([createPerson(app, { role: 'team' }), createPerson(app)]);
});
afterAll(() => app.close());

const newTag = async (name: string) =>
  (await team.client.post<{ tag: Tag }>('/api/tags', { name })).body.tag;

describe('tags', () => {
  it('the team manages them: 401/403 for others, 400 for bad names, 409 for a name taken in any case', async () => {
    const name = `Battery ${uniqueHandle('t')}`.slice(0, 32);
    expect((await new Client(app.url).post('/api/tags', { name })).status).toBe(401);
    expect((await fan.client.post('/api/tags', { name })).status).toBe(403);
    expect((await team.client.post('/api/tags', { name: '' })).status).toBe(400);
    expect((await team.client.post('/api/tags', { name: 'x'.repeat(33) })).status).toBe(400);
    const created = await team.client.post<{ tag: Tag }>('/api/tags', { name });
    expect(created.status).toBe(201);
    expect((await team.client.post('/api/tags', { name: name.toUpperCase() })).status).toBe(409);
    const listed = await new Client(app.url).get<{ items: Tag[] }>('/api/tags');
    expect(listed.body.items).toContainEqual(created.body.tag);
    expect((await fan.client.delete(`/api/tags/${created.body.tag.id}`)).status).toBe(403);
    expect((await team.client.delete(`/api/tags/${created.body.tag.id}`)).status).toBe(204);
    expect((await team.client.delete(`/api/tags/${created.body.tag.id}`)).status).toBe(404);
  });

  it('are set on a suggestion by the team, shown on it and live, and filter its list with ?tag=', async () => {
    const camera = await newTag(`Camera ${uniqueHandle('c')}`.slice(0, 32));
    const audio = await newTag(`Audio ${uniqueHandle('a')}`.slice(0, 32));
    const announcement = await createAnnouncement(team);
    const tagged = await createSuggestion(fan, announcement.id);
    const plain = await createSuggestion(fan, announcement.id);
    const path = `/api/suggestions/${tagged.id}/tags`;
    expect((await fan.client.put(path, { tagIds: [camera.id] })).status).toBe(403);
    expect((await team.client.put(path, { tagIds: ['999999999'] })).status).toBe(400);
    expect((await team.client.put(path, { tagIds: 'x' })).status).toBe(400);

    const watcher = await listen(app.url);
    await join(watcher, `announcement:${announcement.id}`);
    try {
      const set = await team.client.put<{ suggestion: SuggestionView }>(path, {
        tagIds: [camera.id, audio.id, camera.id],
      });
      expect(set.status).toBe(200);
      expect(set.body.suggestion.tags).toEqual([audio, camera]);
      const event = await eventually(
        () =>
          watcher.events.find(
            (e) =>
              e.event === 'suggestion:updated' && (e.payload as SuggestionView).tags?.length === 2,
          )?.payload as SuggestionView | undefined,
      );
      expect(event.id).toBe(tagged.id);
    } finally {
      watcher.close();
    }

    const list = (query: string) =>
      new Client(app.url).get<Page<SuggestionView>>(
        `/api/announcements/${announcement.id}/suggestions?${query}`,
      );
    for (const sort of ['hot', 'top', 'new', 'trending']) {
      const filtered = await list(
        `sort=${sort}&tag=${encodeURIComponent(camera.name.toLowerCase())}`,
      );
      expect(filtered.status).toBe(200);
      expect(filtered.body.items.map((s) => s.id)).toEqual([tagged.id]);
    }
    expect((await list('')).body.items.map((s) => s.id).sort()).toEqual(
      [tagged.id, plain.id].sort(),
    );
    expect((await list('tag=nosuchtag')).body.items).toEqual([]);
    expect((await list(`tag=${'x'.repeat(40)}`)).status).toBe(400);

    const cleared = await team.client.put<{ suggestion: SuggestionView }>(path, { tagIds: [] });
    expect(cleared.body.suggestion.tags).toEqual([]);
  });
});
