import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, Page } from '../server/contracts.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import { createAnnouncement, createPerson, type Person } from './helpers/factories.ts';

let app: TestApp;
let team: Person;
let member: Person;
let moderator: Person;
beforeAll(async () => {
  app = await startApp();
  [team, member, moderator] = await Promise.all([
    createPerson(app, { role: 'team' }),
    createPerson(app),
    createPerson(app, { role: 'moderator' }),
  ]);
});
afterAll(() => app.close());

describe('posting announcements', () => {
  it('needs a signed-in team member', async () => {
    const body = { title: 'Phone 9 launch', body: 'Tell us' };
    expect((await new Client(app.url).post('/api/announcements', body)).status).toBe(401);
    expect((await member.client.post('/api/announcements', body)).status).toBe(403);
    expect((await moderator.client.post('/api/announcements', body)).status).toBe(403);
  });

  it('validates title and body', async () => {
    const res = await team.client.post('/api/announcements', {
      title: '   ',
      body: 'x'.repeat(20_001),
    });
    expect(res.status).toBe(400);
    const fields = (res.body.error as { details: { fields: { path: string }[] } }).details.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['body.body', 'body.title']);
  });

  it('creates one with rendered Markdown, readable by anyone', async () => {
    const created = await createAnnouncement(team, {
      title: 'Weekly update 15',
      body: '**Camera** fixes',
    });
    expect(created.bodyHtml).toContain('<strong>Camera</strong>');
    expect(created.suggestionCount).toBe(0);
    const read = await new Client(app.url).get<{ announcement: Announcement }>(
      `/api/announcements/${created.id}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.announcement).toEqual(created);
  });

  it('answers 404 for a missing one and 400 for a malformed id', async () => {
    const visitor = new Client(app.url);
    expect((await visitor.get('/api/announcements/987654321')).status).toBe(404);
    for (const bad of ['abc', '1%20OR%201=1', '1234567890123456789012345', '-1', '0']) {
      expect((await visitor.get(`/api/announcements/${bad}`)).status).toBe(400);
    }
  });
});

describe('the announcement list', () => {
  it('puts pinned first, then newest, and pages with a cursor', async () => {
    const a = await createAnnouncement(team);
    const b = await createAnnouncement(team, { pinned: true });
    const c = await createAnnouncement(team);
    const visitor = new Client(app.url);
    const seen: Announcement[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await visitor.get<Page<Announcement>>(`/api/announcements${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const ids = seen.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pinnedIndex = ids.indexOf(b.id);
    expect(seen.slice(0, pinnedIndex).every((x) => x.pinned)).toBe(true);
    expect(ids.indexOf(c.id)).toBeLessThan(ids.indexOf(a.id));
  });

  it('refuses bad limits and cursors with 400', async () => {
    const visitor = new Client(app.url);
    for (const query of [
      'limit=0',
      'limit=-5',
      'limit=abc',
      'limit=1e3',
      'limit=101',
      'cursor=!!!',
      'cursor=bm90LWpzb24',
    ]) {
      expect((await visitor.get(`/api/announcements?${query}`)).status, query).toBe(400);
    }
  });
});

describe('editing announcements', () => {
  it('lets the team edit and moderators only pin or lock', async () => {
    const announcement = await createAnnouncement(team);
    const path = `/api/announcements/${announcement.id}`;
    expect((await member.client.patch(path, { pinned: true })).status).toBe(403);
    expect((await moderator.client.patch(path, { title: 'Renamed' })).status).toBe(403);
    expect((await team.client.patch(path, {})).status).toBe(400);
    const pinned = await moderator.client.patch<{ announcement: Announcement }>(path, {
      pinned: true,
      locked: true,
    });
    expect(pinned.status).toBe(200);
    expect(pinned.body.announcement).toMatchObject({ pinned: true, locked: true });
    const edited = await team.client.patch<{ announcement: Announcement }>(path, { body: '_new_' });
    expect(edited.body.announcement.bodyHtml).toContain('<em>new</em>');
  });
});
