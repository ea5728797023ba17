import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionView } from '../server/contracts.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
} from './helpers/factories.ts';

type Vote = { voteCount: number; viewerHasVoted: boolean };

describe('votes on one hot suggestion, queued and sent in batches', () => {
  let app: TestApp;
  let fans: Person[];
  let announcementId: string;
  beforeAll(async () => {
    app = await startApp();
    const team = await createPerson(app, { role: 'team' });
    announcementId = (await createAnnouncement(team)).id;
    fans = await Promise.all(Array.from({ length: 30 }, () => createPerson(app)));
  });
  afterAll(() => app?.close());

  it('counts each member once, answers each with a count that includes their vote, and never drifts', async () => {
    const author = fans[0] as Person;
    const suggestion = await createSuggestion(author, announcementId);
    const path = `/api/suggestions/${suggestion.id}/vote`;
    // Everyone at once, each twice (a double click), in one burst.
    const answers = await Promise.all(
      fans.flatMap((fan) => [fan.client.put<Vote>(path), fan.client.put<Vote>(path)]),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.viewerHasVoted).toBe(true);
      expect(answer.body.voteCount).toBeGreaterThanOrEqual(1);
      expect(answer.body.voteCount).toBeLessThanOrEqual(fans.length);
    }
    const read = await new Client(app.url).get<{ suggestion: SuggestionView }>(
      `/api/suggestions/${suggestion.id}`,
    );
    expect(read.body.suggestion.voteCount).toBe(fans.length);

    // Half take it back, at once, interleaved with repeats of the others' votes.
    const half = fans.slice(0, fans.length / 2);
    const rest = fans.slice(fans.length / 2);
    await Promise.all([
      ...half.map((fan) => fan.client.delete(path)),
      ...rest.map((fan) => fan.client.put(path)),
    ]);
    const { rows } = await app.database.db
      .selectFrom('suggestion_votes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('suggestion_id', '=', suggestion.id)
      .execute()
      .then((r) => ({ rows: r }));
    const stored = await app.database.db
      .selectFrom('suggestions')
      .select('vote_count')
      .where('id', '=', suggestion.id)
      .executeTakeFirstOrThrow();
    expect(Number(rows[0]?.n)).toBe(rest.length);
    expect(stored.vote_count).toBe(rest.length);
  });

  it('answers 404 for every member of a batch on a missing suggestion', async () => {
    const answers = await Promise.all(
      fans.slice(0, 5).map((fan) => fan.client.put('/api/suggestions/999999999/vote')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
  });
});
