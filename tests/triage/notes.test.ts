import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InternalNote } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { join, listen, notificationsOf, vote } from './helpers.ts';

let app: TestApp;
let team: Person;
let moderator: Person;
let fan: Person;
beforeAll(async () => {
  app = await startApp();
  [team, moderator, fan] = await Promise.all([
    createPerson(app, { role: 'team' }),
    createPerson(app, { role: 'moderator' }),
    createPerson(app),
  ]);
});
afterAll(() => app.close());

describe('internal notes', () => {
  it('only team and moderators read or write them: 401 for visitors, 403 for members, 400 for bad bodies', async () => {
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const path = `/api/suggestions/${idea.id}/notes`;
    expect((await new Client(app.url).get(path)).status).toBe(401);
    expect((await new Client(app.url).post(path, { body: 'x' })).status).toBe(401);
    expect((await fan.client.get(path)).status).toBe(403);
    expect((await fan.client.post(path, { body: 'x' })).status).toBe(403);
    expect((await team.client.post(path, { body: '   ' })).status).toBe(400);
    expect((await team.client.post(path, { body: 'x'.repeat(2001) })).status).toBe(400);
    expect((await team.client.post('/api/suggestions/999999999/notes', { body: 'x' })).status).toBe(
      404,
    );

    const written = await team.client.post<{ note: InternalNote }>(path, {
      body: 'Customer **Acme** asked twice',
    });
    expect(written.status).toBe(201);
    expect(written.body.note).toMatchObject({
      suggestionId: idea.id,
      body: 'Customer **Acme** asked twice',
      author: { id: team.user.id },
    });
    expect(written.body.note.bodyHtml).toContain('<strong>Acme</strong>');
    const read = await moderator.client.get<{ items: InternalNote[] }>(path);
    expect(read.body.items.map((n) => n.id)).toEqual([written.body.note.id]);
  });

  it('never leak: not in the suggestion, its list, search, the roadmap, notifications or any socket event', async () => {
    const marker = `zebracorn${Date.now().toString(36)}`;
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id, {
      title: 'Offline maps for hiking',
      body: 'Download regions ahead of time.',
    });
    await vote(fan, idea.id);

    // Watchers: a visitor in both public rooms, and the voter in their own room.
    const visitor = await listen(app.url);
    const voter = await listen(app.url, fan.client);
    await join(visitor, `announcement:${announcement.id}`);
    await join(visitor, `suggestion:${idea.id}`);
    try {
      const note = await team.client.post(`/api/suggestions/${idea.id}/notes`, {
        body: `Internal: ${marker} is the partner behind this`,
      });
      expect(note.status).toBe(201);
      // Public actions that do emit events and notifications afterwards.
      await team.client.patch(`/api/suggestions/${idea.id}/status`, {
        status: 'planned',
        note: 'Planned for the next release',
      });
      await team.client.post(`/api/suggestions/${idea.id}/response`, { body: 'Thanks all!' });
      await new Promise((resolve) => setTimeout(resolve, 400));

      const visitorClient = new Client(app.url);
      const answers = [
        await visitorClient.get(`/api/suggestions/${idea.id}`),
        await fan.client.get(`/api/suggestions/${idea.id}`),
        await team.client.get(`/api/suggestions/${idea.id}`),
        await visitorClient.get(`/api/announcements/${announcement.id}/suggestions`),
        await team.client.get(`/api/announcements/${announcement.id}/suggestions?status=planned`),
        await visitorClient.get(`/api/search?q=${marker}`),
        await team.client.get(`/api/search?q=${marker}`),
        await visitorClient.get(`/api/suggestions/similar?title=${marker}`),
        await visitorClient.get(`/api/roadmap`),
        await visitorClient.get(`/api/suggestions/${idea.id}/status-history`),
        await fan.client.get('/api/notifications'),
      ];
      for (const [i, answer] of answers.entries()) {
        expect(answer.status, `answer ${i}: ${JSON.stringify(answer.body)}`).toBe(200);
        expect(JSON.stringify(answer.body)).not.toContain(marker);
      }
      // The search really ran: the same word in a public body is found.
      const search = (await visitorClient.get<{ items: unknown[] }>(`/api/search?q=offline+maps`))
        .body;
      expect(search.items.length).toBeGreaterThan(0);

      expect(visitor.events.length).toBeGreaterThan(0);
      expect(voter.events.some((e) => e.event === 'notification')).toBe(true);
      for (const { event, payload } of [...visitor.events, ...voter.events]) {
        expect(JSON.stringify(payload), event).not.toContain(marker);
      }
      expect(JSON.stringify(await notificationsOf(fan)).includes(marker), 'notifications').toBe(
        false,
      );
    } finally {
      visitor.close();
      voter.close();
    }
  });
});
