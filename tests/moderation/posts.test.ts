import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, ReplyView, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { connect, received, subscribe } from '../realtime/live.ts';

let app: TestApp;
let moderator: Person;
let team: Person;
let author: Person;
let fan: Person;
beforeAll(async () => {
  app = await startApp();
  [moderator, team, author, fan] = await Promise.all([
    createPerson(app, { role: 'moderator' }),
    createPerson(app, { role: 'team' }),
    createPerson(app),
    createPerson(app),
  ]);
});
afterAll(() => app.close());

type Thread = { suggestion: SuggestionView; replies: ReplyView[] };
const newSuggestion = async () => createSuggestion(author, (await createAnnouncement(team)).id);

describe('hiding a reply', () => {
  it('needs a moderator and a reason', async () => {
    const reply = await createReply(author, (await newSuggestion()).id);
    const path = `/api/replies/${reply.id}/hide`;
    expect((await new Client(app.url).post(path, { reason: 'x' })).status).toBe(401);
    expect((await fan.client.post(path, { reason: 'x' })).status).toBe(403);
    expect((await team.client.post(path, { reason: 'x' })).status).toBe(403);
    expect((await moderator.client.post(path, {})).status).toBe(400);
    expect(
      (await moderator.client.post('/api/replies/987654321/hide', { reason: 'x' })).status,
    ).toBe(404);
  });

  it('disappears for fans live, stays visible and marked for moderators and the author', async () => {
    const s = await newSuggestion();
    const reply = await createReply(author, s.id, { body: 'Rude words' });
    const child = await createReply(fan, s.id, { body: 'Calm down', parentId: reply.id });
    const watcher = await connect(app.url);
    await subscribe(watcher, `suggestion:${s.id}`);

    const hidden = await moderator.client.post<{ reply: ReplyView }>(
      `/api/replies/${reply.id}/hide`,
      { reason: 'Insults' },
    );
    expect(hidden.status).toBe(200);
    expect(hidden.body.reply).toMatchObject({
      hidden: true,
      hiddenReason: 'Insults',
      body: 'Rude words',
    });
    const event = await received(watcher, 'reply:updated', (p) => p.id === reply.id);
    expect(event).toMatchObject({
      hidden: true,
      body: '',
      bodyHtml: '',
      author: null,
      hiddenReason: null,
    });
    watcher.socket.close();

    const publicThread = await fan.client.get<Thread>(`/api/suggestions/${s.id}`);
    expect(publicThread.body.replies.map((r) => [r.id, r.hidden, r.body, r.author])).toEqual([
      [reply.id, true, '', null],
      [child.id, false, 'Calm down', { id: fan.user.id, handle: fan.user.handle }],
    ]);
    for (const viewer of [author, moderator]) {
      const thread = await viewer.client.get<Thread>(`/api/suggestions/${s.id}`);
      expect(thread.body.replies[0]).toMatchObject({
        hidden: true,
        hiddenReason: 'Insults',
        body: 'Rude words',
      });
    }
    expect(
      (await moderator.client.post(`/api/replies/${reply.id}/hide`, { reason: 'again' })).status,
    ).toBe(409);
    expect((await moderator.client.post(`/api/replies/${reply.id}/unhide`, {})).status).toBe(200);
    const back = await fan.client.get<Thread>(`/api/suggestions/${s.id}`);
    expect(back.body.replies[0]).toMatchObject({ hidden: false, body: 'Rude words' });
  });
});

describe('hiding a suggestion', () => {
  it('removes it from lists and links for fans, not for moderators or the author', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(author, announcement.id, { title: 'Spammy' });
    const listPath = `/api/announcements/${announcement.id}/suggestions`;
    expect(
      (await moderator.client.post(`/api/suggestions/${s.id}/hide`, { reason: 'Spam' })).status,
    ).toBe(200);

    expect((await fan.client.get<Page<SuggestionView>>(listPath)).body.items).toEqual([]);
    expect((await fan.client.get(`/api/suggestions/${s.id}`)).status).toBe(404);
    expect((await new Client(app.url).get(`/api/suggestions/${s.id}`)).status).toBe(404);
    expect((await fan.client.put(`/api/suggestions/${s.id}/vote`)).status).toBe(404);
    expect((await fan.client.post(`/api/suggestions/${s.id}/replies`, { body: 'hi' })).status).toBe(
      404,
    );
    for (const viewer of [author, moderator]) {
      const list = await viewer.client.get<Page<SuggestionView>>(listPath);
      expect(list.body.items[0]).toMatchObject({
        id: s.id,
        hidden: true,
        hiddenReason: 'Spam',
        title: 'Spammy',
      });
    }
    expect((await moderator.client.post(`/api/suggestions/${s.id}/unhide`, {})).status).toBe(200);
    expect((await fan.client.get<Page<SuggestionView>>(listPath)).body.items).toHaveLength(1);
  });
});

describe('locking and deleting a suggestion', () => {
  it('a locked suggestion takes no replies or votes until unlocked', async () => {
    const s = await newSuggestion();
    expect((await fan.client.post(`/api/suggestions/${s.id}/lock`, {})).status).toBe(403);
    const locked = await moderator.client.post<{ suggestion: SuggestionView }>(
      `/api/suggestions/${s.id}/lock`,
      { reason: 'Heated' },
    );
    expect(locked.body.suggestion.locked).toBe(true);
    expect((await fan.client.post(`/api/suggestions/${s.id}/replies`, { body: 'hi' })).status).toBe(
      409,
    );
    expect((await fan.client.put(`/api/suggestions/${s.id}/vote`)).status).toBe(409);
    expect((await team.client.post(`/api/suggestions/${s.id}/unlock`, {})).status).toBe(200);
    expect((await fan.client.put(`/api/suggestions/${s.id}/vote`)).status).toBe(200);
  });

  it('deleting leaves a placeholder that keeps replies and votes', async () => {
    const s = await newSuggestion();
    const reply = await createReply(fan, s.id);
    await fan.client.put(`/api/suggestions/${s.id}/vote`);
    expect((await fan.client.delete(`/api/suggestions/${s.id}`)).status).toBe(403);
    const gone = await author.client.delete<{ suggestion: SuggestionView }>(
      `/api/suggestions/${s.id}`,
    );
    expect(gone.status).toBe(200);
    const thread = await new Client(app.url).get<Thread>(`/api/suggestions/${s.id}`);
    expect(thread.body.suggestion).toMatchObject({
      deleted: true,
      title: '',
      body: '',
      voteCount: 1,
      replyCount: 1,
    });
    expect(thread.body.replies.map((r) => r.id)).toEqual([reply.id]);
    expect((await author.client.delete(`/api/suggestions/${s.id}`)).status).toBe(409);
    const other = await newSuggestion();
    expect((await moderator.client.delete(`/api/suggestions/${other.id}`)).status).toBe(200);
  });
});

describe('launch-surge mode', () => {
  it('slow mode makes a member wait between posts; the team is exempt', async () => {
    const announcement = await createAnnouncement(team);
    await moderator.client.patch(`/api/announcements/${announcement.id}/surge`, {
      slowModeSeconds: 600,
    });
    const s = await createSuggestion(fan, announcement.id);
    const second = await fan.client.post(`/api/announcements/${announcement.id}/suggestions`, {
      title: 'Again',
      body: 'b',
    });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(
      (await fan.client.post(`/api/suggestions/${s.id}/replies`, { body: 'and a reply' })).status,
    ).toBe(429);
    await createSuggestion(team, announcement.id);
    expect(
      (await team.client.post(`/api/suggestions/${s.id}/replies`, { body: 'team reply' })).status,
    ).toBe(201);
  });

  it("young accounts' posts wait for approval, their votes count, and approval makes them appear live", async () => {
    const announcement = await createAnnouncement(team);
    const existing = await createSuggestion(author, announcement.id);
    await moderator.client.patch(`/api/announcements/${announcement.id}/surge`, {
      minAccountAgeHours: 24,
    });
    const newcomer = await createPerson(app);
    const watcher = await connect(app.url);
    await subscribe(watcher, `announcement:${announcement.id}`);

    const held = await newcomer.client.post<{ suggestion: SuggestionView }>(
      `/api/announcements/${announcement.id}/suggestions`,
      {
        title: 'First post!',
        body: 'Hello',
      },
    );
    expect(held.status).toBe(201);
    expect(held.body.suggestion.pending).toBe(true);
    const listPath = `/api/announcements/${announcement.id}/suggestions`;
    expect(
      (await fan.client.get<Page<SuggestionView>>(listPath)).body.items.map((i) => i.id),
    ).toEqual([existing.id]);
    expect((await newcomer.client.put(`/api/suggestions/${existing.id}/vote`)).body).toMatchObject({
      voteCount: 1,
    });

    const queue = await moderator.client.get<{ items: { kind: string; post: { id: string } }[] }>(
      '/api/moderation/pending',
    );
    expect(
      queue.body.items.some(
        (i) => i.kind === 'suggestion' && i.post.id === held.body.suggestion.id,
      ),
    ).toBe(true);
    expect((await fan.client.get('/api/moderation/pending')).status).toBe(403);
    expect(watcher.of('suggestion:created')).toEqual([]);

    const approve = { kind: 'suggestion', id: held.body.suggestion.id };
    expect((await moderator.client.post('/api/moderation/pending/approve', approve)).status).toBe(
      200,
    );
    await received(watcher, 'suggestion:created', (p) => p.id === held.body.suggestion.id);
    watcher.socket.close();
    expect((await fan.client.get<Page<SuggestionView>>(listPath)).body.items).toHaveLength(2);
    expect((await moderator.client.post('/api/moderation/pending/approve', approve)).status).toBe(
      409,
    );

    const audit = await moderator.client.get<{ items: { action: string }[] }>(
      '/api/moderation/audit?limit=10',
    );
    expect(audit.body.items.map((e) => e.action)).toContain('suggestion.approve');
  });
});
