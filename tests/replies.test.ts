import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyView, SuggestionView } from '../server/contracts.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
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

type Thread = { suggestion: SuggestionView; replies: ReplyView[] };

async function newSuggestion() {
  const announcement = await createAnnouncement(team);
  return createSuggestion(fan, announcement.id);
}

describe('replying', () => {
  it('needs a member, a body, and a parent from the same suggestion', async () => {
    const s = await newSuggestion();
    const elsewhere = await newSuggestion();
    const foreign = await createReply(fan, elsewhere.id);
    const path = `/api/suggestions/${s.id}/replies`;
    expect((await new Client(app.url).post(path, { body: 'hi' })).status).toBe(401);
    expect((await fan.client.post(path, { body: '  ' })).status).toBe(400);
    expect((await fan.client.post(path, { body: 'hi', parentId: foreign.id })).status).toBe(400);
    expect((await fan.client.post(path, { body: 'hi', parentId: '987654321' })).status).toBe(400);
    expect((await fan.client.post(path, { body: 'hi', parentId: 'DROP TABLE' })).status).toBe(400);
    expect(
      (await fan.client.post('/api/suggestions/987654321/replies', { body: 'hi' })).status,
    ).toBe(404);
    const thread = await fan.client.get<Thread>(`/api/suggestions/${s.id}`);
    expect(thread.body.replies).toHaveLength(0);
    expect(thread.body.suggestion.replyCount).toBe(0);
  });

  it('answers a 4-level thread in thread order with parentId and depth', async () => {
    const s = await newSuggestion();
    const a = await createReply(fan, s.id, { body: 'a' });
    const b = await createReply(other, s.id, { body: 'b' });
    const a1 = await createReply(other, s.id, { body: 'a1', parentId: a.id });
    const a1x = await createReply(fan, s.id, { body: 'a1x', parentId: a1.id });
    const a1xy = await createReply(other, s.id, { body: 'a1xy', parentId: a1x.id });
    const a2 = await createReply(fan, s.id, { body: 'a2', parentId: a.id });
    const b1 = await createReply(fan, s.id, { body: 'b1', parentId: b.id });
    const thread = await new Client(app.url).get<Thread>(`/api/suggestions/${s.id}`);
    expect(thread.body.replies.map((r) => [r.body, r.parentId, r.depth])).toEqual([
      ['a', null, 0],
      ['a1', a.id, 1],
      ['a1x', a1.id, 2],
      ['a1xy', a1x.id, 3],
      ['a2', a.id, 1],
      ['b', null, 0],
      ['b1', b.id, 1],
    ]);
    expect(thread.body.suggestion.replyCount).toBe(7);
    // Times are canonical ISO-8601 in UTC, to the millisecond, like every other time in the API.
    const row = await app.database.db
      .selectFrom('replies')
      .select('created_at')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(thread.body.replies[0]?.createdAt).toBe(row.created_at.toISOString());
    for (const reply of thread.body.replies) {
      expect(new Date(reply.createdAt).toISOString()).toBe(reply.createdAt);
      expect(new Date(reply.updatedAt).toISOString()).toBe(reply.updatedAt);
    }
    expect([a1xy.depth, a2.depth, b1.depth]).toEqual([3, 1, 1]);
  });

  it('refuses replies on a locked announcement', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    await team.client.patch(`/api/announcements/${announcement.id}`, { locked: true });
    expect((await fan.client.post(`/api/suggestions/${s.id}/replies`, { body: 'hi' })).status).toBe(
      409,
    );
  });
});

describe('editing and deleting replies', () => {
  it('lets the author or a moderator edit; others get 403', async () => {
    const s = await newSuggestion();
    const reply = await createReply(fan, s.id, { body: 'first' });
    const path = `/api/replies/${reply.id}`;
    expect((await new Client(app.url).patch(path, { body: 'x' })).status).toBe(401);
    expect((await other.client.patch(path, { body: 'x' })).status).toBe(403);
    expect((await team.client.patch(path, { body: 'x' })).status).toBe(403);
    expect((await fan.client.patch(path, { body: '' })).status).toBe(400);
    const edited = await fan.client.patch<{ reply: ReplyView }>(path, { body: 'second **take**' });
    expect(edited.body.reply.bodyHtml).toContain('<strong>take</strong>');
    expect((await moderator.client.patch(path, { body: 'tidied' })).status).toBe(200);
  });

  it('leaves a placeholder that keeps the children in place', async () => {
    const s = await newSuggestion();
    const parent = await createReply(fan, s.id, { body: 'parent' });
    const child = await createReply(other, s.id, { body: 'child', parentId: parent.id });
    expect((await other.client.delete(`/api/replies/${parent.id}`)).status).toBe(403);
    const removed = await fan.client.delete<{ reply: ReplyView }>(`/api/replies/${parent.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.reply).toMatchObject({
      deleted: true,
      body: '',
      bodyHtml: '',
      author: null,
    });
    expect((await fan.client.patch(`/api/replies/${parent.id}`, { body: 'back' })).status).toBe(
      409,
    );
    const thread = await new Client(app.url).get<Thread>(`/api/suggestions/${s.id}`);
    expect(thread.body.replies.map((r) => [r.id, r.deleted, r.parentId])).toEqual([
      [parent.id, true, null],
      [child.id, false, parent.id],
    ]);
    // A reply to the placeholder is still possible: the thread keeps its shape.
    expect(
      (
        await other.client.post(`/api/suggestions/${s.id}/replies`, {
          body: 'still',
          parentId: parent.id,
        })
      ).status,
    ).toBe(201);
  });
});
