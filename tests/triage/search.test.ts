import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, SimilarSuggestion, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
  uniqueHandle,
} from '../helpers/factories.ts';

let app: TestApp;
let team: Person;
let fan: Person;
let visitor: Client;
beforeAll(async () => {
  app = await startApp();
  [team, fan] = await Promise.all([createPerson(app, { role: 'team' }), createPerson(app)]);
  visitor = new Client(app.url);
});
afterAll(() => app.close());

const search = (q: string, extra = '') =>
  visitor.get<Page<SuggestionView>>(`/api/search?q=${encodeURIComponent(q)}${extra}`);

describe('full-text search', () => {
  it('finds by title and body (stemmed), title matches first, in keyset pages', async () => {
    const word = `qx${uniqueHandle('w').replace(/[^a-z]/g, '')}`;
    const announcement = await createAnnouncement(team);
    const inBody = await createSuggestion(fan, announcement.id, {
      title: 'Something else entirely',
      body: `The ${word} should be faster`,
    });
    const inTitle = await createSuggestion(fan, announcement.id, {
      title: `Faster ${word} please`,
      body: 'That is all.',
    });
    const third = await createSuggestion(fan, announcement.id, {
      title: `${word} charging`,
      body: `${word} ${word}`,
    });
    const all = await search(word);
    expect(all.status).toBe(200);
    const ids = all.body.items.map((s) => s.id);
    expect(ids).toHaveLength(3);
    expect(ids.indexOf(inTitle.id)).toBeLessThan(ids.indexOf(inBody.id));
    expect(ids.indexOf(third.id)).toBeLessThan(ids.indexOf(inBody.id));
    // Stemming: "charged" finds "charging"; websearch syntax: -faster excludes.
    expect((await search(`${word} charged`)).body.items.map((s) => s.id)).toEqual([third.id]);
    expect((await search(`${word} -faster`)).body.items.map((s) => s.id)).toEqual([third.id]);

    const first = await search(word, '&limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await search(word, `&limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...rest.body.items].map((s) => s.id)).toEqual(ids);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('answers 200 to any hostile text, and 400 (never 500) to what breaks the rules', async () => {
    const hostile = [
      '"',
      "'",
      '\\',
      '\\\\',
      '&|!():*',
      '!!!',
      '(((',
      'a & | b',
      "' OR 1=1 --",
      '"; DROP TABLE suggestions; --',
      '<script>alert(1)</script>',
      ':*',
      'or',
      'the',
      '-',
      '"unterminated phrase',
      'ünïcödé 中文 العربية 🚀',
      'a:* & b:A',
      '%',
      '%%25',
      'x'.repeat(200),
    ];
    for (const q of hostile) {
      const res = await search(q);
      expect(res.status, q).toBe(200);
      expect(Array.isArray(res.body.items), q).toBe(true);
    }
    for (const path of [
      `/api/search?q=${'x'.repeat(10_000)}`,
      '/api/search?q=',
      '/api/search',
      '/api/search?q=a&q=b',
      '/api/search?q=%00',
      '/api/search?q=ok&limit=0',
      '/api/search?q=ok&cursor=%%%',
      '/api/search?q=ok&cursor=bm90LWpzb24',
      `/api/search?q=${encodeURIComponent('\u202e')}`,
    ]) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toHaveProperty('error.code');
    }
  });

  it('leaves merged suggestions out', async () => {
    const word = `mz${uniqueHandle('m').replace(/[^a-z]/g, '')}`;
    const announcement = await createAnnouncement(team);
    const a = await createSuggestion(fan, announcement.id, { title: `${word} one` });
    const b = await createSuggestion(fan, announcement.id, { title: `${word} two` });
    await team.client.post(`/api/suggestions/${b.id}/merge`, { intoId: a.id });
    expect((await search(word)).body.items.map((s) => s.id)).toEqual([a.id]);
  });
});

describe('similar while typing', () => {
  const similar = (title: string, announcementId?: string) =>
    visitor.get<{ items: SimilarSuggestion[] }>(
      `/api/suggestions/similar?title=${encodeURIComponent(title)}${announcementId ? `&announcementId=${announcementId}` : ''}`,
    );

  it('finds a reworded duplicate, the same announcement first, and not the unrelated', async () => {
    const tag = uniqueHandle('z').replace(/[^a-z]/g, '');
    const here = await createAnnouncement(team);
    const elsewhere = await createAnnouncement(team);
    const original = await createSuggestion(fan, here.id, {
      title: `Add a dark mode to the ${tag} camera app`,
    });
    const other = await createSuggestion(fan, elsewhere.id, {
      title: `Dark mode for the ${tag} camera application`,
    });
    const unrelated = await createSuggestion(fan, here.id, {
      title: `Longer battery life on the ${tag}`,
    });
    const res = await similar(`${tag} camera app should have a darker mode`, here.id);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((s) => s.id);
    expect(ids[0]).toBe(original.id);
    expect(ids).toContain(other.id);
    expect(ids).not.toContain(unrelated.id);
    expect(res.body.items[0]?.similarity).toBeGreaterThan(0.3);
    expect(res.body.items[0]).not.toHaveProperty('viewerHasVoted');
    // Without an announcement, the closest wording wins.
    const anywhere = await similar(`Dark mode for the ${tag} camera`);
    expect(anywhere.body.items[0]?.id).toBe(other.id);
  });

  it('is matched before /suggestions/:id, and refuses bad input with 400', async () => {
    expect((await similar('x')).status).toBe(200);
    expect((await visitor.get('/api/suggestions/similar')).status).toBe(400);
    expect((await similar('x'.repeat(201))).status).toBe(400);
    expect((await similar('ok', 'abc')).status).toBe(400);
    expect((await visitor.get('/api/suggestions/similar?title=ok&limit=50')).status).toBe(400);
    for (const title of ['%', "'", '\\', '&|!():*', '<script>', 'the of and']) {
      expect((await similar(title)).status, title).toBe(200);
    }
  });
});
