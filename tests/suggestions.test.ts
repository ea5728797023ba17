import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Revision, SuggestionView } from '../server/contracts.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
} from './helpers/factories.ts';

let app: TestApp;
let team: Person;
let fan: Person;
let other: Person;
let moderator: Person;
beforeAll(async () => {
  app = await startApp();
  [team, fan, other, moderator] = await Promise.all([
    createPerson(app, { role: 'team' }),
    createPerson(app),
    createPerson(app),
    createPerson(app, { role: 'moderator' }),
  ]);
});
afterAll(() => app.close());

const listPath = (announcementId: string, query = '') =>
  `/api/announcements/${announcementId}/suggestions${query}`;

describe('posting a suggestion', () => {
  it('needs a member, a valid body and an existing, unlocked announcement', async () => {
    const announcement = await createAnnouncement(team);
    const body = { title: 'Bigger battery', body: 'Two days please' };
    expect((await new Client(app.url).post(listPath(announcement.id), body)).status).toBe(401);
    expect(
      (await fan.client.post(listPath(announcement.id), { title: 'x'.repeat(201), body: 'ok' }))
        .status,
    ).toBe(400);
    expect((await fan.client.post(listPath('987654321'), body)).status).toBe(404);
    await team.client.patch(`/api/announcements/${announcement.id}`, { locked: true });
    expect((await fan.client.post(listPath(announcement.id), body)).status).toBe(409);
  });

  it('creates it open with no votes, counted on its announcement', async () => {
    const announcement = await createAnnouncement(team);
    const suggestion = await createSuggestion(fan, announcement.id, {
      title: 'Dark mode',
      body: 'For *night* owls',
    });
    expect(suggestion).toMatchObject({
      announcementId: announcement.id,
      title: 'Dark mode',
      status: 'open',
      voteCount: 0,
      replyCount: 0,
      viewerHasVoted: false,
      author: { id: fan.user.id, handle: fan.user.handle },
    });
    expect(suggestion.bodyHtml).toContain('<em>night</em>');
    const read = await new Client(app.url).get<{ announcement: { suggestionCount: number } }>(
      `/api/announcements/${announcement.id}`,
    );
    expect(read.body.announcement.suggestionCount).toBe(1);
  });

  it('ignores mass-assigned fields like status, voteCount and authorId', async () => {
    const announcement = await createAnnouncement(team);
    const res = await fan.client.post<{ suggestion: SuggestionView }>(listPath(announcement.id), {
      title: 'Sneaky',
      body: 'hi',
      status: 'shipped',
      voteCount: 999,
      authorId: team.user.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.suggestion).toMatchObject({
      status: 'open',
      voteCount: 0,
      author: { id: fan.user.id },
    });
  });
});

describe('listing and sorting', () => {
  it('sorts by top, new, hot and trending, and pages without repeats', async () => {
    const announcement = await createAnnouncement(team);
    const s1 = await createSuggestion(fan, announcement.id, { title: 'one' });
    const s2 = await createSuggestion(fan, announcement.id, { title: 'two' });
    const s3 = await createSuggestion(fan, announcement.id, { title: 'three' });
    const voters = await Promise.all([createPerson(app), createPerson(app)]);
    for (const voter of voters) await voter.client.put(`/api/suggestions/${s2.id}/vote`);
    await voters[0]!.client.put(`/api/suggestions/${s1.id}/vote`);

    const order = async (sort: string) =>
      (
        await fan.client.get<Page<SuggestionView>>(listPath(announcement.id, `?sort=${sort}`))
      ).body.items.map((s) => s.id);
    expect(await order('top')).toEqual([s2.id, s1.id, s3.id]);
    expect(await order('new')).toEqual([s3.id, s2.id, s1.id]);
    expect(await order('trending')).toEqual([s2.id, s1.id, s3.id]);
    // Created seconds apart, so votes decide hot here.
    expect(await order('hot')).toEqual([s2.id, s1.id, s3.id]);

    for (const sort of ['top', 'new', 'hot', 'trending']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await fan.client.get<Page<SuggestionView>>(listPath(announcement.id, query));
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((s) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(await order(sort));
    }
  });

  it('shows viewerHasVoted for the signed-in viewer only', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    await other.client.put(`/api/suggestions/${s.id}/vote`);
    const mine = await other.client.get<Page<SuggestionView>>(listPath(announcement.id));
    const theirs = await fan.client.get<Page<SuggestionView>>(listPath(announcement.id));
    const anonymous = await new Client(app.url).get<Page<SuggestionView>>(
      listPath(announcement.id),
    );
    expect(mine.body.items[0]).toMatchObject({ viewerHasVoted: true, voteCount: 1 });
    expect(theirs.body.items[0]).toMatchObject({ viewerHasVoted: false, voteCount: 1 });
    expect(anonymous.body.items[0]).toMatchObject({ viewerHasVoted: false, voteCount: 1 });
  });

  it('filters by status and refuses unknown sorts and statuses', async () => {
    const announcement = await createAnnouncement(team);
    await createSuggestion(fan, announcement.id);
    const open = await fan.client.get<Page<SuggestionView>>(
      listPath(announcement.id, '?status=open'),
    );
    expect(open.body.items).toHaveLength(1);
    const planned = await fan.client.get<Page<SuggestionView>>(
      listPath(announcement.id, '?status=planned'),
    );
    expect(planned.body.items).toHaveLength(0);
    for (const query of [
      '?sort=best',
      '?status=done',
      '?limit=0',
      '?limit=x',
      '?cursor=%27%20OR%201=1',
    ]) {
      expect((await fan.client.get(listPath(announcement.id, query))).status, query).toBe(400);
    }
    expect((await fan.client.get(listPath('987654321'))).status).toBe(404);
  });
});

describe('editing a suggestion', () => {
  it('lets the author, the team and moderators edit, keeping every previous text', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id, {
      title: 'First title',
      body: 'First body',
    });
    const path = `/api/suggestions/${s.id}`;
    expect((await new Client(app.url).patch(path, { title: 'x' })).status).toBe(401);
    expect((await other.client.patch(path, { title: 'Hijack' })).status).toBe(403);
    expect((await fan.client.patch(path, {})).status).toBe(400);
    expect((await fan.client.patch(path, { title: 'Second title' })).status).toBe(200);
    expect((await team.client.patch(path, { body: 'Team wording' })).status).toBe(200);
    expect((await moderator.client.patch(path, { title: 'Third title' })).status).toBe(200);

    const read = await new Client(app.url).get<{ suggestion: SuggestionView }>(path);
    expect(read.body.suggestion).toMatchObject({ title: 'Third title', body: 'Team wording' });
    const history = await new Client(app.url).get<{ items: Revision[] }>(`${path}/revisions`);
    expect(history.body.items.map((r) => [r.title, r.body])).toEqual([
      ['Second title', 'Team wording'],
      ['Second title', 'First body'],
      ['First title', 'First body'],
    ]);
  });
});
