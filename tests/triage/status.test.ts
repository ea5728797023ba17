import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, StatusChange, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { eventually, listen, notificationsOf, vote } from './helpers.ts';

let app: TestApp;
let team: Person;
let author: Person;
let fan: Person;
let announcementId: string;
beforeAll(async () => {
  app = await startApp();
  [team, author, fan] = await Promise.all([
    createPerson(app, { role: 'team' }),
    createPerson(app),
    createPerson(app),
  ]);
  announcementId = (await createAnnouncement(team)).id;
});
afterAll(() => app.close());

const setStatus = (who: Client, id: string, body: unknown) =>
  who.patch<{ suggestion: SuggestionView; change: StatusChange | null }>(
    `/api/suggestions/${id}/status`,
    body,
  );

describe('setting a status', () => {
  it('refuses visitors (401), members and moderators (403) and bad input (400); nothing changes', async () => {
    const idea = await createSuggestion(author, announcementId);
    const moderator = await createPerson(app, { role: 'moderator' });
    expect((await setStatus(new Client(app.url), idea.id, { status: 'planned' })).status).toBe(401);
    expect((await setStatus(author.client, idea.id, { status: 'planned' })).status).toBe(403);
    expect((await setStatus(moderator.client, idea.id, { status: 'planned' })).status).toBe(403);
    const unknown = await setStatus(team.client, idea.id, { status: 'done' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('body.status');
    // 'merged' comes only from merging.
    expect((await setStatus(team.client, idea.id, { status: 'merged' })).status).toBe(400);
    expect(
      (await setStatus(team.client, idea.id, { status: 'planned', note: 'x'.repeat(2001) })).status,
    ).toBe(400);
    expect((await setStatus(team.client, 'abc', { status: 'planned' })).status).toBe(400);
    expect((await setStatus(team.client, '999999999', { status: 'planned' })).status).toBe(404);
    const after = await new Client(app.url).get<{ suggestion: SuggestionView }>(
      `/api/suggestions/${idea.id}`,
    );
    expect(after.body.suggestion.status).toBe('open');
  });

  it('keeps every change as history: who, when, from, to and the public note', async () => {
    const idea = await createSuggestion(author, announcementId);
    const first = await setStatus(team.client, idea.id, { status: 'under_review' });
    expect(first.status).toBe(200);
    expect(first.body.suggestion.status).toBe('under_review');
    const second = await setStatus(team.client, idea.id, {
      status: 'planned',
      note: 'Coming in the spring update',
    });
    expect(second.body.change).toMatchObject({ from: 'under_review', to: 'planned' });

    const history = await new Client(app.url).get<{ items: StatusChange[] }>(
      `/api/suggestions/${idea.id}/status-history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(2);
    expect(history.body.items[0]).toMatchObject({
      suggestionId: idea.id,
      from: 'open',
      to: 'under_review',
      note: null,
      actor: { id: team.user.id, handle: team.user.handle },
    });
    expect(history.body.items[1]).toMatchObject({
      from: 'under_review',
      to: 'planned',
      note: 'Coming in the spring update',
    });
    expect(Date.parse(history.body.items[1]?.createdAt ?? '')).not.toBeNaN();
    const shown = await new Client(app.url).get<{ suggestion: SuggestionView }>(
      `/api/suggestions/${idea.id}`,
    );
    expect(shown.body.suggestion.status).toBe('planned');
  });

  it('the same status again without a note changes nothing; with a note it is a progress update', async () => {
    const idea = await createSuggestion(author, announcementId);
    await setStatus(team.client, idea.id, { status: 'planned' });
    const again = await setStatus(team.client, idea.id, { status: 'planned' });
    expect(again.status).toBe(200);
    expect(again.body.change).toBeNull();
    const update = await setStatus(team.client, idea.id, { status: 'planned', note: 'Still on' });
    expect(update.body.change).toMatchObject({ from: 'planned', to: 'planned', note: 'Still on' });
    const history = await team.client.get<{ items: StatusChange[] }>(
      `/api/suggestions/${idea.id}/status-history`,
    );
    expect(history.body.items).toHaveLength(2);
  });
});

describe('notifications and follows', () => {
  it('a status change notifies the author and voters (not the team member), live to user:<id>', async () => {
    const idea = await createSuggestion(author, announcementId, { title: 'Longer battery life' });
    await vote(fan, idea.id);
    const live = await listen(app.url, fan.client);
    try {
      await setStatus(team.client, idea.id, { status: 'planned', note: 'Yes!' });
      const pushed = await eventually(
        () =>
          live.events.find(
            (e) =>
              e.event === 'notification' && (e.payload as Notification).suggestion?.id === idea.id,
          )?.payload as Notification | undefined,
      );
      expect(pushed).toMatchObject({
        kind: 'status',
        from: 'open',
        to: 'planned',
        note: 'Yes!',
        suggestion: { id: idea.id, title: 'Longer battery life' },
        actor: { id: team.user.id, handle: team.user.handle },
        read: false,
      });
      const listed = (await notificationsOf(fan)).find((n) => n.id === pushed.id);
      expect(listed).toEqual(pushed);
      expect((await notificationsOf(author)).some((n) => n.suggestion?.id === idea.id)).toBe(true);
      expect((await notificationsOf(team)).some((n) => n.suggestion?.id === idea.id)).toBe(false);
    } finally {
      live.close();
    }
  });

  it('an unfollow wins over being a voter, and a follow brings anyone in', async () => {
    const idea = await createSuggestion(author, announcementId);
    const stranger = await createPerson(app);
    await vote(fan, idea.id);
    expect((await fan.client.get(`/api/suggestions/${idea.id}/follow`)).body).toEqual({
      following: true,
    });
    expect((await stranger.client.get(`/api/suggestions/${idea.id}/follow`)).body).toEqual({
      following: false,
    });
    expect((await fan.client.delete(`/api/suggestions/${idea.id}/follow`)).status).toBe(200);
    expect((await stranger.client.put(`/api/suggestions/${idea.id}/follow`)).status).toBe(200);
    expect((await new Client(app.url).put(`/api/suggestions/${idea.id}/follow`)).status).toBe(401);
    expect((await stranger.client.put('/api/suggestions/999999999/follow')).status).toBe(404);

    await setStatus(team.client, idea.id, { status: 'declined', note: 'Not for now' });
    expect((await notificationsOf(fan)).some((n) => n.suggestion?.id === idea.id)).toBe(false);
    expect((await notificationsOf(stranger)).some((n) => n.suggestion?.id === idea.id)).toBe(true);
  });

  it('a reply notifies the author of the post it answers, never oneself', async () => {
    const idea = await createSuggestion(author, announcementId, { title: 'Reply target' });
    const top = await createReply(fan, idea.id, { body: 'Good one' });
    await createReply(author, idea.id, { body: 'Thanks', parentId: top.id });
    await createReply(author, idea.id, { body: 'Talking to myself' });
    const toAuthor = (await notificationsOf(author)).filter((n) => n.suggestion?.id === idea.id);
    expect(toAuthor).toEqual([
      expect.objectContaining({ kind: 'reply', replyId: top.id, excerpt: 'Good one' }),
    ]);
    const toFan = (await notificationsOf(fan)).filter((n) => n.suggestion?.id === idea.id);
    expect(toFan).toEqual([expect.objectContaining({ kind: 'reply', excerpt: 'Thanks' })]);
  });

  it('lists newest first in pages, and marks some or all as read', async () => {
    const reader = await createPerson(app);
    const ideas = await Promise.all([1, 2, 3].map(() => createSuggestion(reader, announcementId)));
    for (const idea of ideas) await setStatus(team.client, idea.id, { status: 'under_review' });
    expect((await new Client(app.url).get('/api/notifications')).status).toBe(401);
    expect((await reader.client.get('/api/notifications?limit=0')).status).toBe(400);
    expect((await reader.client.get('/api/notifications?unread=maybe')).status).toBe(400);
    const first = await reader.client.get<{
      items: Notification[];
      nextCursor: string;
      unreadCount: number;
    }>('/api/notifications?limit=2');
    expect(first.body.items.map((n) => n.suggestion?.id)).toEqual([ideas[2]?.id, ideas[1]?.id]);
    expect(first.body.unreadCount).toBe(3);
    const second = await reader.client.get<{ items: Notification[]; nextCursor: null }>(
      `/api/notifications?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((n) => n.suggestion?.id)).toEqual([ideas[0]?.id]);
    expect(second.body.nextCursor).toBeNull();

    // Someone else's ids do nothing; one's own are marked.
    const other = (await notificationsOf(author))[0];
    const theirs = await reader.client.post('/api/notifications/read', { ids: [other?.id ?? '1'] });
    expect(theirs.body).toEqual({ unreadCount: 3 });
    expect((await reader.client.post('/api/notifications/read', { ids: [] })).status).toBe(400);
    const one = await reader.client.post('/api/notifications/read', {
      ids: [first.body.items[0]?.id],
    });
    expect(one.body).toEqual({ unreadCount: 2 });
    const unread = await reader.client.get<{ items: Notification[] }>(
      '/api/notifications?unread=true',
    );
    expect(unread.body.items).toHaveLength(2);
    expect((await reader.client.post('/api/notifications/read', {})).body).toEqual({
      unreadCount: 0,
    });
    expect((await notificationsOf(author)).find((n) => n.id === other?.id)?.read).toBe(false);
  });
});

describe('official responses and the awaiting-response queue', () => {
  it('the team queue holds open suggestions without a response, by votes then age; a response takes one out', async () => {
    const own = await createAnnouncement(team);
    const quiet = await createSuggestion(author, own.id);
    const popular = await createSuggestion(author, own.id);
    const older = await createSuggestion(author, own.id);
    const planned = await createSuggestion(author, own.id);
    await vote(fan, popular.id);
    await setStatus(team.client, planned.id, { status: 'planned' });
    const queue = (who: Client) =>
      who.get<{ items: SuggestionView[] }>(`/api/triage/awaiting?announcementId=${own.id}`);
    expect((await queue(new Client(app.url))).status).toBe(401);
    expect((await queue(fan.client)).status).toBe(403);
    expect((await queue(team.client)).body.items.map((s) => s.id)).toEqual([
      popular.id,
      quiet.id,
      older.id,
    ]);

    expect(
      (await fan.client.post(`/api/suggestions/${popular.id}/response`, { body: 'Me too' })).status,
    ).toBe(403);
    const response = await team.client.post<{ reply: { official: boolean; id: string } }>(
      `/api/suggestions/${popular.id}/response`,
      { body: 'We hear you: **looking into it**.' },
    );
    expect(response.status).toBe(201);
    expect(response.body.reply.official).toBe(true);
    const thread = await new Client(app.url).get<{ replies: { id: string; official: boolean }[] }>(
      `/api/suggestions/${popular.id}`,
    );
    expect(thread.body.replies.find((r) => r.id === response.body.reply.id)?.official).toBe(true);
    expect((await queue(team.client)).body.items.map((s) => s.id)).toEqual([quiet.id, older.id]);
    const told = (await notificationsOf(fan)).find((n) => n.suggestion?.id === popular.id);
    expect(told).toMatchObject({ kind: 'response', replyId: response.body.reply.id });
  });
});
