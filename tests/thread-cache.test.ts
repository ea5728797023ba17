import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, SuggestionView } from '../server/contracts.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from './helpers/factories.ts';

type Thread = { suggestion: SuggestionView; replies: Reply[] };

describe("the visitors' thread cache", () => {
  let app: TestApp;
  let fan: Person;
  let announcementId: string;
  beforeAll(async () => {
    app = await startApp();
    const team = await createPerson(app, { role: 'team' });
    fan = await createPerson(app);
    announcementId = (await createAnnouncement(team)).id;
  });
  afterAll(() => app?.close());

  it('answers a repeated read with the same ETag, and a matching If-None-Match with a 304', async () => {
    const suggestion = await createSuggestion(fan, announcementId);
    const visitor = new Client(app.url);
    const first = await visitor.get<Thread>(`/api/suggestions/${suggestion.id}`);
    const second = await visitor.get<Thread>(`/api/suggestions/${suggestion.id}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.headers.get('etag')).toBe(etag);
    expect(second.body).toEqual(first.body);
    const revalidated = await visitor.get(`/api/suggestions/${suggestion.id}`, {
      // fetch adds `Cache-Control: no-cache` to a manual conditional request (and Express then
      // never answers 304); a browser revalidating its own cache sends max-age=0.
      headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' },
    });
    expect(revalidated.status).toBe(304);
  });

  it('shows a visitor every write at once: a reply, a vote, an edit', async () => {
    const suggestion = await createSuggestion(fan, announcementId);
    const visitor = new Client(app.url);
    const read = () => visitor.get<Thread>(`/api/suggestions/${suggestion.id}`);
    const before = await read();
    expect(before.body.replies).toHaveLength(0);

    const reply = await createReply(fan, suggestion.id, { body: 'First!' });
    const afterReply = await read();
    expect(afterReply.body.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(afterReply.headers.get('etag')).not.toBe(before.headers.get('etag'));

    const voter = await createPerson(app);
    expect((await voter.client.put(`/api/suggestions/${suggestion.id}/vote`)).status).toBe(200);
    expect((await read()).body.suggestion.voteCount).toBe(1);

    expect((await voter.client.put(`/api/replies/${reply.id}/vote`, { value: 1 })).status).toBe(
      200,
    );
    expect((await read()).body.replies[0]?.score).toBe(1);

    await fan.client.patch(`/api/suggestions/${suggestion.id}`, { title: 'Renamed' });
    expect((await read()).body.suggestion.title).toBe('Renamed');
  });

  it('gives a signed-in reader their own view, not the cached one', async () => {
    const suggestion = await createSuggestion(fan, announcementId);
    await new Client(app.url).get(`/api/suggestions/${suggestion.id}`);
    await fan.client.put(`/api/suggestions/${suggestion.id}/vote`);
    const own = await fan.client.get<Thread>(`/api/suggestions/${suggestion.id}`);
    expect(own.body.suggestion.viewerHasVoted).toBe(true);
    const visitor = await new Client(app.url).get<Thread>(`/api/suggestions/${suggestion.id}`);
    expect(visitor.body.suggestion.viewerHasVoted).toBe(false);
    expect(visitor.body.suggestion.voteCount).toBe(1);
  });

  it('is invalidated on every instance: a write on one shows on the other', async () => {
    const prefix = `tc${process.pid}${Date.now().toString(36)}`;
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix };
    const a = await startApp(env);
    const b = await startApp(env);
    try {
      const suggestion = await createSuggestion(fan, announcementId);
      const onB = () => new Client(b.url).get<Thread>(`/api/suggestions/${suggestion.id}`);
      expect((await onB()).body.replies).toHaveLength(0);
      const writer = new Client(a.url);
      writer.cookie = fan.client.cookie;
      expect(
        (await writer.post(`/api/suggestions/${suggestion.id}/replies`, { body: 'Via A' })).status,
      ).toBe(201);
      let seen = 0;
      for (let i = 0; i < 40 && seen === 0; i += 1) {
        seen = (await onB()).body.replies.length;
        if (seen === 0) await sleep(50);
      }
      expect(seen).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
