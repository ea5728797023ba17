import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyView, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { notificationsOf, vote } from './helpers.ts';

let app: TestApp;
let team: Person;
beforeAll(async () => {
  app = await startApp();
  team = await createPerson(app, { role: 'team' });
});
afterAll(() => app.close());

/** Everything a merge touches, read straight from the tables. */
async function snapshot(ids: string[]) {
  const db = app.database.db;
  const { rows: votes } = await sql<Record<string, unknown>>`
    SELECT suggestion_id, user_id, created_at FROM suggestion_votes
    WHERE suggestion_id IN (${sql.join(ids)}) ORDER BY suggestion_id, user_id`.execute(db);
  const { rows: replies } = await sql<Record<string, unknown>>`
    SELECT id, suggestion_id, parent_id, depth, path, body, score, official FROM replies
    WHERE suggestion_id IN (${sql.join(ids)}) ORDER BY id`.execute(db);
  const { rows: replyVotes } = await sql<Record<string, unknown>>`
    SELECT rv.reply_id, rv.user_id, rv.value FROM reply_votes rv JOIN replies r ON r.id = rv.reply_id
    WHERE r.suggestion_id IN (${sql.join(ids)}) ORDER BY rv.reply_id, rv.user_id`.execute(db);
  const { rows: suggestions } = await sql<Record<string, unknown>>`
    SELECT id, status, merged_into_id, vote_count, reply_count, hot_score FROM suggestions
    WHERE id IN (${sql.join(ids)}) ORDER BY id`.execute(db);
  return { votes, replies, replyVotes, suggestions };
}

/** Counters agree with the rows they count. */
async function countersAgree(ids: string[]) {
  const { rows } = await sql<{ id: string; ok: boolean }>`
    SELECT s.id, s.vote_count = (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id)
      AND s.reply_count = (SELECT count(*) FROM replies r WHERE r.suggestion_id = s.id) AS ok
    FROM suggestions s WHERE s.id IN (${sql.join(ids)})`.execute(app.database.db);
  return rows.every((row) => row.ok);
}

async function scene() {
  const [authorT, authorS, u1, u2, u3, u4] = await Promise.all(
    Array.from({ length: 6 }, () => createPerson(app)),
  );
  const announcement = await createAnnouncement(team);
  const target = await createSuggestion(authorT!, announcement.id, { title: 'Dark mode' });
  const source = await createSuggestion(authorS!, announcement.id, { title: 'Night theme' });
  await team.client.patch(`/api/suggestions/${source.id}/status`, { status: 'under_review' });
  for (const p of [u1!, u2!]) await vote(p, target.id);
  for (const p of [u2!, u3!, u4!]) await vote(p, source.id);
  const t1 = await createReply(u1!, target.id, { body: 'Please' });
  await createReply(authorT!, target.id, { body: 'Yes', parentId: t1.id });
  const s1 = await createReply(u3!, source.id, { body: 'My eyes' });
  await createReply(u4!, source.id, { body: 'Same', parentId: s1.id });
  await createReply(u2!, source.id, { body: 'Duplicate?' });
  await u1!.client.put(`/api/replies/${s1.id}/vote`, { value: 1 });
  return { target, source, s1, people: { authorT, authorS, u1, u2, u3, u4 } };
}

describe('merging duplicates', () => {
  it('refuses visitors (401), members (403), itself and bad ids (400), unknown targets (404)', async () => {
    const { target, source, people } = await scene();
    const merge = (who: Client, body: unknown) =>
      who.post(`/api/suggestions/${source.id}/merge`, body);
    expect((await merge(new Client(app.url), { intoId: target.id })).status).toBe(401);
    expect((await merge(people.u1!.client, { intoId: target.id })).status).toBe(403);
    expect((await merge(team.client, { intoId: source.id })).status).toBe(400);
    expect((await merge(team.client, { intoId: 'abc' })).status).toBe(400);
    expect((await merge(team.client, {})).status).toBe(400);
    expect((await merge(team.client, { intoId: '999999999' })).status).toBe(404);
    expect((await team.client.post(`/api/suggestions/${source.id}/unmerge`)).status).toBe(409);
    expect((await people.u1!.client.post(`/api/suggestions/${source.id}/unmerge`)).status).toBe(
      403,
    );
  });

  it('unites votes one per person, moves replies, points the source at the target and tells its followers; unmerge restores every vote and reply exactly', async () => {
    const { target, source, people } = await scene();
    const ids = [target.id, source.id];
    const before = await snapshot(ids);

    const merged = await team.client.post<{ source: SuggestionView; target: SuggestionView }>(
      `/api/suggestions/${source.id}/merge`,
      { intoId: target.id },
    );
    expect(merged.status).toBe(200);
    expect(merged.body.source).toMatchObject({
      status: 'merged',
      mergedIntoId: target.id,
      voteCount: 0,
      replyCount: 0,
    });
    // u1, u2 (who voted on both: counted once), u3, u4.
    expect(merged.body.target).toMatchObject({ voteCount: 4, replyCount: 5, mergedIntoId: null });
    expect(await countersAgree(ids)).toBe(true);
    const thread = await new Client(app.url).get<{ replies: ReplyView[] }>(
      `/api/suggestions/${target.id}`,
    );
    expect(thread.body.replies.map((r) => r.body)).toEqual([
      'Please',
      'Yes',
      'My eyes',
      'Same',
      'Duplicate?',
    ]);
    expect(thread.body.replies[3]?.depth).toBe(1);

    // The merged one takes no more votes or merges.
    expect((await people.u1!.client.put(`/api/suggestions/${source.id}/vote`)).status).toBe(409);
    expect(
      (await team.client.post(`/api/suggestions/${source.id}/merge`, { intoId: target.id })).status,
    ).toBe(409);
    expect(
      (await team.client.post(`/api/suggestions/${target.id}/merge`, { intoId: source.id })).status,
    ).toBe(409);
    expect(
      (await team.client.patch(`/api/suggestions/${source.id}/status`, { status: 'planned' }))
        .status,
    ).toBe(409);

    // The source's voters and author are told; someone who only voted on the target is not.
    for (const p of [people.u3!, people.u4!, people.authorS!]) {
      const told = (await notificationsOf(p)).find((n) => n.kind === 'merged');
      expect(told).toMatchObject({
        suggestion: { id: source.id, title: 'Night theme' },
        into: { id: target.id, title: 'Dark mode' },
      });
    }
    expect((await notificationsOf(people.u1!)).some((n) => n.kind === 'merged')).toBe(false);

    expect((await new Client(app.url).post(`/api/suggestions/${source.id}/unmerge`)).status).toBe(
      401,
    );
    const undone = await team.client.post<{ source: SuggestionView; target: SuggestionView }>(
      `/api/suggestions/${source.id}/unmerge`,
    );
    expect(undone.status).toBe(200);
    expect(undone.body.source).toMatchObject({
      status: 'under_review',
      mergedIntoId: null,
      voteCount: 3,
      replyCount: 3,
    });
    expect(undone.body.target).toMatchObject({ voteCount: 2, replyCount: 2 });
    expect(await snapshot(ids)).toEqual(before);
    expect(await countersAgree(ids)).toBe(true);
    // u2 voted on both and keeps both.
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM suggestion_votes WHERE user_id = ${people.u2!.user.id}
      AND suggestion_id IN (${sql.join(ids)})`.execute(app.database.db);
    expect(Number(rows[0]?.n)).toBe(2);

    const history = await new Client(app.url).get<{ items: { from: string; to: string }[] }>(
      `/api/suggestions/${source.id}/status-history`,
    );
    expect(history.body.items.map((c) => `${c.from}>${c.to}`)).toEqual([
      'open>under_review',
      'under_review>merged',
      'merged>under_review',
    ]);
    expect((await team.client.post(`/api/suggestions/${source.id}/unmerge`)).status).toBe(409);
  });

  it('replies added under a moved thread go back with it; votes cast on the target since stay there', async () => {
    const { target, source, s1, people } = await scene();
    await team.client.post(`/api/suggestions/${source.id}/merge`, { intoId: target.id });
    const late = await createReply(people.u1!, target.id, { body: 'Late', parentId: s1.id });
    const newcomer = await createPerson(app);
    await vote(newcomer, target.id);
    const undone = await team.client.post<{ source: SuggestionView; target: SuggestionView }>(
      `/api/suggestions/${source.id}/unmerge`,
    );
    expect(undone.body.source).toMatchObject({ voteCount: 3, replyCount: 4 });
    expect(undone.body.target).toMatchObject({ voteCount: 3, replyCount: 2 });
    const thread = await new Client(app.url).get<{ replies: ReplyView[] }>(
      `/api/suggestions/${source.id}`,
    );
    expect(thread.body.replies.map((r) => r.id)).toContain(late.id);
    expect(await countersAgree([target.id, source.id])).toBe(true);
  });

  it('a merge into a suggestion that was merged since must be undone in order', async () => {
    const { target, source } = await scene();
    const third = await createSuggestion(team, (await createAnnouncement(team)).id);
    await team.client.post(`/api/suggestions/${source.id}/merge`, { intoId: target.id });
    await team.client.post(`/api/suggestions/${target.id}/merge`, { intoId: third.id });
    const blocked = await team.client.post(`/api/suggestions/${source.id}/unmerge`);
    expect(blocked.status).toBe(409);
    expect(await countersAgree([target.id, source.id, third.id])).toBe(true);
    expect((await team.client.post(`/api/suggestions/${target.id}/unmerge`)).status).toBe(200);
    expect((await team.client.post(`/api/suggestions/${source.id}/unmerge`)).status).toBe(200);
    expect(await countersAgree([target.id, source.id, third.id])).toBe(true);
  });

  it('a shipped duplicate merges, and unmerge gives back its status and the update it shipped in', async () => {
    const { target, source } = await scene();
    const update = await createAnnouncement(team);
    await team.client.post(`/api/announcements/${update.id}/shipped`, {
      suggestionIds: [source.id],
    });
    const merged = await team.client.post<{ source: SuggestionView }>(
      `/api/suggestions/${source.id}/merge`,
      { intoId: target.id },
    );
    expect(merged.status).toBe(200);
    expect(merged.body.source).toMatchObject({ status: 'merged', shippedInId: null });
    const undone = await team.client.post<{ source: SuggestionView }>(
      `/api/suggestions/${source.id}/unmerge`,
    );
    expect(undone.body.source).toMatchObject({ status: 'shipped', shippedInId: update.id });
  });
});
