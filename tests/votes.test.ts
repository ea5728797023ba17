import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionView } from '../server/contracts.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  PASSWORD,
  type Person,
  uniqueHandle,
} from './helpers/factories.ts';

let app: TestApp;
let team: Person;
let fan: Person;
beforeAll(async () => {
  app = await startApp();
  [team, fan] = await Promise.all([createPerson(app, { role: 'team' }), createPerson(app)]);
});
afterAll(() => app.close());

async function counts(suggestionId: string) {
  const row = await app.database.db
    .selectFrom('suggestions')
    .select(['vote_count'])
    .select((eb) =>
      eb
        .selectFrom('suggestion_votes')
        .select(eb.fn.countAll<string>().as('n'))
        .where('suggestion_id', '=', suggestionId)
        .as('rows'),
    )
    .where('id', '=', suggestionId)
    .executeTakeFirstOrThrow();
  return { counter: row.vote_count, rows: Number(row.rows) };
}

/** Many signed-in members at once: users inserted with one shared hash, then signed in over HTTP. */
async function signedInMembers(count: number): Promise<Client[]> {
  const passwordHash = await hash(PASSWORD);
  const handles = Array.from({ length: count }, () => uniqueHandle('v'));
  await app.database.db
    .insertInto('users')
    .values(
      handles.map((handle) => ({
        handle,
        email: `${handle}@example.test`,
        password_hash: passwordHash,
      })),
    )
    .execute();
  const clients: Client[] = [];
  for (let i = 0; i < handles.length; i += 20) {
    const batch = handles.slice(i, i + 20).map(async (handle) => {
      const client = new Client(app.url);
      const res = await client.post('/api/auth/login', { login: handle, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login failed ${res.status}`);
      return client;
    });
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

describe('voting on a suggestion', () => {
  it('needs a member and an existing, open suggestion', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    expect((await new Client(app.url).put(`/api/suggestions/${s.id}/vote`)).status).toBe(401);
    expect((await fan.client.put('/api/suggestions/987654321/vote')).status).toBe(404);
    expect((await fan.client.put('/api/suggestions/abc/vote')).status).toBe(400);
    await team.client.patch(`/api/announcements/${announcement.id}`, { locked: true });
    expect((await fan.client.put(`/api/suggestions/${s.id}/vote`)).status).toBe(409);
  });

  it('a second vote by the same member counts once; unvoting twice is harmless', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    const voter = await createPerson(app);
    const path = `/api/suggestions/${s.id}/vote`;
    expect((await voter.client.put(path)).body).toEqual({ voteCount: 1, viewerHasVoted: true });
    expect((await voter.client.put(path)).body).toEqual({ voteCount: 1, viewerHasVoted: true });
    const read = await voter.client.get<{ suggestion: SuggestionView }>(`/api/suggestions/${s.id}`);
    expect(read.body.suggestion).toMatchObject({ voteCount: 1, viewerHasVoted: true });
    expect((await voter.client.delete(path)).body).toEqual({ voteCount: 0, viewerHasVoted: false });
    expect((await voter.client.delete(path)).body).toEqual({ voteCount: 0, viewerHasVoted: false });
    expect(await counts(s.id)).toEqual({ counter: 0, rows: 0 });
  });

  it('200 members voting at once, with retries, doubles and some unvotes, never drift', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    const path = `/api/suggestions/${s.id}/vote`;
    const members = await signedInMembers(200);
    // Everyone votes, most twice at once (a double click), in parallel.
    await Promise.all(
      members.flatMap((m, i) => (i % 3 === 0 ? [m.put(path)] : [m.put(path), m.put(path)])),
    );
    // Every fifth member changes their mind, racing an unvote against a retry of the unvote.
    const leaving = members.filter((_m, i) => i % 5 === 0);
    await Promise.all(leaving.flatMap((m) => [m.delete(path), m.delete(path)]));
    const expected = members.length - leaving.length;
    expect(await counts(s.id)).toEqual({ counter: expected, rows: expected });
    const read = await new Client(app.url).get<{ suggestion: SuggestionView }>(
      `/api/suggestions/${s.id}`,
    );
    expect(read.body.suggestion.voteCount).toBe(expected);
  });

  it('a repeated vote leaves no dead row behind (nothing is written)', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    const voter = await createPerson(app);
    await voter.client.put(`/api/suggestions/${s.id}/vote`);
    const before = await sql<{
      xmin: string;
    }>`SELECT xmin::text FROM suggestions WHERE id = ${s.id}`.execute(app.database.db);
    await voter.client.put(`/api/suggestions/${s.id}/vote`);
    const after = await sql<{
      xmin: string;
    }>`SELECT xmin::text FROM suggestions WHERE id = ${s.id}`.execute(app.database.db);
    expect(after.rows[0]?.xmin).toBe(before.rows[0]?.xmin);
  });
});

describe('voting on a reply', () => {
  it('takes 1 or -1, changes a vote in place, and clears it', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    const reply = await createReply(fan, s.id);
    const path = `/api/replies/${reply.id}/vote`;
    const [a, b] = await Promise.all([createPerson(app), createPerson(app)]);
    expect((await new Client(app.url).put(path, { value: 1 })).status).toBe(401);
    expect((await a.client.put(path, { value: 2 })).status).toBe(400);
    expect((await a.client.put(path, {})).status).toBe(400);
    expect((await a.client.put('/api/replies/987654321/vote', { value: 1 })).status).toBe(404);
    expect((await a.client.put(path, { value: 1 })).body).toEqual({ score: 1, viewerVote: 1 });
    expect((await a.client.put(path, { value: 1 })).body).toEqual({ score: 1, viewerVote: 1 });
    expect((await b.client.put(path, { value: -1 })).body).toEqual({ score: 0, viewerVote: -1 });
    expect((await a.client.put(path, { value: -1 })).body).toEqual({ score: -2, viewerVote: -1 });
    expect((await b.client.delete(path)).body).toEqual({ score: -1, viewerVote: 0 });
    const thread = await a.client.get<{
      replies: { id: string; score: number; viewerVote: number }[];
    }>(`/api/suggestions/${s.id}`);
    expect(thread.body.replies[0]).toMatchObject({ score: -1, viewerVote: -1 });
  });

  it('racing changes from many members end at the sum of the rows', async () => {
    const announcement = await createAnnouncement(team);
    const s = await createSuggestion(fan, announcement.id);
    const reply = await createReply(fan, s.id);
    const path = `/api/replies/${reply.id}/vote`;
    const members = await signedInMembers(30);
    await Promise.all(
      members.flatMap((m, i) => [
        m.put(path, { value: 1 }),
        m.put(path, { value: i % 2 ? 1 : -1 }),
      ]),
    );
    const row = await app.database.db
      .selectFrom('replies')
      .select('score')
      .select((eb) =>
        eb
          .selectFrom('reply_votes')
          .select((inner) => inner.fn.sum<string>('value').as('s'))
          .where('reply_id', '=', reply.id)
          .as('sum'),
      )
      .where('id', '=', reply.id)
      .executeTakeFirstOrThrow();
    expect(row.score).toBe(Number(row.sum));
  });
});
