import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';

let app: TestApp;
let moderator: Person;
let team: Person;
let author: Person;
beforeAll(async () => {
  app = await startApp();
  [moderator, team, author] = await Promise.all([
    createPerson(app, { role: 'moderator' }),
    createPerson(app, { role: 'team' }),
    createPerson(app),
  ]);
});
afterAll(() => app.close());

type Queue = {
  items: {
    targetType: string;
    targetId: string;
    flagCount: number;
    reasons: Record<string, number>;
    notes: string[];
    target: { excerpt: string; author: { handle: string } } | null;
  }[];
  nextCursor: string | null;
};

describe('flagging', () => {
  it('needs a member, a known reason and an existing target', async () => {
    const s = await createSuggestion(author, (await createAnnouncement(team)).id);
    const fan = await createPerson(app);
    const body = { targetType: 'suggestion', targetId: s.id, reason: 'spam' };
    expect((await new Client(app.url).post('/api/flags', body)).status).toBe(401);
    expect((await fan.client.post('/api/flags', { ...body, reason: 'ugly' })).status).toBe(400);
    expect((await fan.client.post('/api/flags', { ...body, targetType: 'post' })).status).toBe(400);
    expect((await fan.client.post('/api/flags', { ...body, targetId: '987654321' })).status).toBe(
      404,
    );
    expect((await fan.client.post('/api/flags', body)).status).toBe(201);
    expect((await fan.client.post('/api/flags', { ...body, reason: 'abuse' })).status).toBe(409);
  });
});

describe('the moderation queue', () => {
  it('groups open flags by target with counts by reason, newest activity first', async () => {
    const s = await createSuggestion(author, (await createAnnouncement(team)).id, {
      body: 'Buy cheap pills',
    });
    const reply = await createReply(author, s.id, { body: 'You are all idiots' });
    const fans = await Promise.all([createPerson(app), createPerson(app), createPerson(app)]);
    await fans[0]!.client.post('/api/flags', {
      targetType: 'suggestion',
      targetId: s.id,
      reason: 'spam',
    });
    await fans[1]!.client.post('/api/flags', {
      targetType: 'suggestion',
      targetId: s.id,
      reason: 'spam',
      note: 'pills again',
    });
    await fans[2]!.client.post('/api/flags', {
      targetType: 'suggestion',
      targetId: s.id,
      reason: 'off_topic',
    });
    await fans[0]!.client.post('/api/flags', {
      targetType: 'reply',
      targetId: reply.id,
      reason: 'abuse',
    });

    expect((await fans[0]!.client.get('/api/moderation/queue')).status).toBe(403);
    expect((await team.client.get('/api/moderation/queue')).status).toBe(403);
    const queue = await moderator.client.get<Queue>('/api/moderation/queue?limit=100');
    expect(queue.status).toBe(200);
    // Other files flag things at the same time: find ours, and check their order.
    const items = queue.body.items;
    const firstIndex = items.findIndex((i) => i.targetType === 'reply' && i.targetId === reply.id);
    const secondIndex = items.findIndex(
      (i) => i.targetType === 'suggestion' && i.targetId === s.id,
    );
    expect(firstIndex).toBeGreaterThanOrEqual(0);
    expect(secondIndex).toBeGreaterThan(firstIndex);
    const [first, second] = [items[firstIndex], items[secondIndex]];
    expect(first).toMatchObject({
      targetType: 'reply',
      targetId: reply.id,
      flagCount: 1,
      reasons: { abuse: 1 },
    });
    expect(first?.target).toMatchObject({
      excerpt: 'You are all idiots',
      author: { handle: author.user.handle },
    });
    expect(second).toMatchObject({
      targetType: 'suggestion',
      targetId: s.id,
      flagCount: 3,
      reasons: { spam: 2, off_topic: 1 },
      notes: ['pills again'],
    });
  });

  it('pages with a cursor, and resolving a target takes it off the queue', async () => {
    const s = await createSuggestion(author, (await createAnnouncement(team)).id);
    const fan = await createPerson(app);
    await fan.client.post('/api/flags', {
      targetType: 'suggestion',
      targetId: s.id,
      reason: 'duplicate',
    });
    const page = await moderator.client.get<Queue>('/api/moderation/queue?limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toBeTruthy();
    const next = await moderator.client.get<Queue>(
      `/api/moderation/queue?limit=1&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.items[0]?.targetId).not.toBe(page.body.items[0]?.targetId);
    expect((await moderator.client.get('/api/moderation/queue?cursor=zzz')).status).toBe(400);

    const resolve = { targetType: 'suggestion', targetId: s.id, outcome: 'dismissed' };
    expect((await fan.client.post('/api/moderation/queue/resolve', resolve)).status).toBe(403);
    const done = await moderator.client.post('/api/moderation/queue/resolve', resolve);
    expect(done.body).toEqual({ closed: 1 });
    expect((await moderator.client.post('/api/moderation/queue/resolve', resolve)).status).toBe(
      404,
    );
    const after = await moderator.client.get<Queue>('/api/moderation/queue?limit=100');
    expect(after.body.items.some((i) => i.targetId === s.id && i.targetType === 'suggestion')).toBe(
      false,
    );
    // The member may flag it again once the first flag is closed.
    expect(
      (
        await fan.client.post('/api/flags', {
          targetType: 'suggestion',
          targetId: s.id,
          reason: 'spam',
        })
      ).status,
    ).toBe(201);
  });
});
