import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, Roadmap, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { eventually, listen, notificationsOf, vote } from './helpers.ts';

let app: TestApp;
let team: Person;
beforeAll(async () => {
  app = await startApp();
  team = await createPerson(app, { role: 'team' });
});
afterAll(() => app.close());

const ship = (who: Client, announcementId: string, suggestionIds: unknown) =>
  who.post<{ items: SuggestionView[]; notified: number }>(
    `/api/announcements/${announcementId}/shipped`,
    { suggestionIds },
  );

describe('shipped in an update', () => {
  it('refuses visitors (401), members (403), bad lists (400), unknown updates (404), merged ideas (409)', async () => {
    const fan = await createPerson(app);
    const launch = await createAnnouncement(team);
    const idea = await createSuggestion(fan, launch.id);
    const dup = await createSuggestion(fan, launch.id);
    await team.client.post(`/api/suggestions/${dup.id}/merge`, { intoId: idea.id });
    const update = await createAnnouncement(team);
    expect((await ship(new Client(app.url), update.id, [idea.id])).status).toBe(401);
    expect((await ship(fan.client, update.id, [idea.id])).status).toBe(403);
    expect((await ship(team.client, update.id, [])).status).toBe(400);
    expect((await ship(team.client, update.id, ['x'])).status).toBe(400);
    expect((await ship(team.client, update.id, Array(101).fill(idea.id))).status).toBe(400);
    expect((await ship(team.client, update.id, ['999999999'])).status).toBe(400);
    expect((await ship(team.client, '999999999', [idea.id])).status).toBe(404);
    expect((await ship(team.client, update.id, [idea.id, dup.id])).status).toBe(409);
    const unchanged = await new Client(app.url).get<{ suggestion: SuggestionView }>(
      `/api/suggestions/${idea.id}`,
    );
    expect(unchanged.body.suggestion.status).toBe('open');
  });

  it('marks each shipped with a link to the update, lists them on it, and gives each voter ONE digest of all their ideas in it', async () => {
    const [author, both, onlyA, onlyC, nobody] = await Promise.all(
      Array.from({ length: 5 }, () => createPerson(app)),
    );
    const launch = await createAnnouncement(team, { title: 'Phone X launch' });
    const a = await createSuggestion(author!, launch.id, { title: 'Idea A' });
    const b = await createSuggestion(author!, launch.id, { title: 'Idea B' });
    const c = await createSuggestion(author!, launch.id, { title: 'Idea C' });
    const unshipped = await createSuggestion(author!, launch.id, { title: 'Idea D' });
    await vote(both!, a.id);
    await vote(both!, b.id);
    await vote(onlyA!, a.id);
    await vote(onlyC!, c.id);
    await vote(nobody!, unshipped.id);
    await team.client.patch(`/api/suggestions/${a.id}/status`, { status: 'in_progress' });
    const update = await createAnnouncement(team, { title: 'Weekly update 15' });

    const live = await listen(app.url, both!.client);
    try {
      const first = await ship(team.client, update.id, [a.id, b.id]);
      expect(first.status).toBe(200);
      expect(first.body.items.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
      expect(
        first.body.items.every((s) => s.status === 'shipped' && s.shippedInId === update.id),
      ).toBe(true);
      const pushed = await eventually(
        () =>
          live.events.find(
            (e) => e.event === 'notification' && (e.payload as Notification).kind === 'shipped',
          )?.payload as Notification | undefined,
      );
      expect(pushed).toMatchObject({
        kind: 'shipped',
        announcement: { id: update.id, title: 'Weekly update 15' },
        suggestions: [
          { id: a.id, title: 'Idea A' },
          { id: b.id, title: 'Idea B' },
        ],
      });
    } finally {
      live.close();
    }

    const digests = async (p: Person) =>
      (await notificationsOf(p)).filter(
        (n) => n.kind === 'shipped' && n.announcement.id === update.id,
      );
    expect(await digests(both!)).toHaveLength(1);
    expect((await digests(onlyA!))[0]).toMatchObject({ suggestions: [{ id: a.id }] });
    expect(await digests(onlyC!)).toHaveLength(0);
    expect(await digests(nobody!)).toHaveLength(0);
    // The author follows their own ideas.
    expect((await digests(author!))[0]).toMatchObject({
      suggestions: [{ id: a.id }, { id: b.id }],
    });

    // Shipping one more in the same update updates the same digest: still one each.
    await both!.client.post('/api/notifications/read', {});
    await vote(both!, c.id);
    const second = await ship(team.client, update.id, [c.id, a.id]);
    expect(second.body.items).toHaveLength(3);
    const bothDigests = await digests(both!);
    expect(bothDigests).toHaveLength(1);
    expect(bothDigests[0]).toMatchObject({
      read: false,
      suggestions: [{ id: a.id }, { id: b.id }, { id: c.id }],
    });
    expect((await digests(onlyC!))[0]).toMatchObject({ suggestions: [{ id: c.id }] });
    expect(await digests(onlyA!)).toHaveLength(1);
    const { rows } = await sql<{ user_id: string; n: string }>`
      SELECT user_id, count(*) AS n FROM notifications
      WHERE kind = 'shipped' AND announcement_id = ${update.id}
      GROUP BY user_id HAVING count(*) > 1`.execute(app.database.db);
    expect(rows).toEqual([]);

    // The update shows what shipped from suggestions; history says where.
    const listed = await new Client(app.url).get<{ items: SuggestionView[] }>(
      `/api/announcements/${update.id}/shipped`,
    );
    expect(listed.body.items.map((s) => s.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const history = await new Client(app.url).get<{
      items: { from: string; to: string; note: string }[];
    }>(`/api/suggestions/${a.id}/status-history`);
    expect(history.body.items.at(-1)).toMatchObject({
      from: 'in_progress',
      to: 'shipped',
      note: 'Shipped in Weekly update 15',
    });
    expect((await new Client(app.url).get('/api/announcements/999999999/shipped')).status).toBe(
      404,
    );
  });
});

describe('the roadmap', () => {
  it('shows planned, in progress and shipped, each by votes', async () => {
    const [x, y] = await Promise.all([createPerson(app), createPerson(app)]);
    const announcement = await createAnnouncement(team);
    const low = await createSuggestion(x!, announcement.id);
    const high = await createSuggestion(x!, announcement.id);
    const doing = await createSuggestion(x!, announcement.id);
    const open = await createSuggestion(x!, announcement.id);
    await vote(x!, high.id);
    await vote(y!, high.id);
    await vote(y!, low.id);
    for (const id of [low.id, high.id])
      await team.client.patch(`/api/suggestions/${id}/status`, { status: 'planned' });
    await team.client.patch(`/api/suggestions/${doing.id}/status`, { status: 'in_progress' });
    const res = await new Client(app.url).get<Roadmap>(
      `/api/roadmap?announcementId=${announcement.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.planned.map((s) => s.id)).toEqual([high.id, low.id]);
    expect(res.body.inProgress.map((s) => s.id)).toEqual([doing.id]);
    expect(res.body.shipped).toEqual([]);
    const listed = [...res.body.planned, ...res.body.inProgress, ...res.body.shipped];
    expect(listed.map((s) => s.id)).not.toContain(open.id);
    expect((await new Client(app.url).get('/api/roadmap?limit=0')).status).toBe(400);
    expect((await new Client(app.url).get('/api/roadmap?announcementId=x')).status).toBe(400);
  });
});
