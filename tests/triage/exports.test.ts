import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { vote } from './helpers.ts';

let app: TestApp;
let team: Person;
let fan: Person;
beforeAll(async () => {
  app = await startApp();
  [team, fan] = await Promise.all([createPerson(app, { role: 'team' }), createPerson(app)]);
});
afterAll(() => app.close());

/** RFC 4180 rows: quoted cells, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV export of an announcement', () => {
  it('is for the team only, and neutralizes cells a spreadsheet would run as formulas', async () => {
    const announcement = await createAnnouncement(team);
    const path = `/api/announcements/${announcement.id}/export.csv`;
    expect((await new Client(app.url).get(path)).status).toBe(401);
    expect((await fan.client.get(path)).status).toBe(403);
    expect((await team.client.get('/api/announcements/999999999/export.csv')).status).toBe(404);

    const titles = [
      '=HYPERLINK("http://evil.test","click")',
      '+1+2',
      '-2+3',
      '@SUM(A1:A2)',
      'Plain, with "quotes" and a comma',
    ];
    const made = [];
    for (const title of titles) made.push(await createSuggestion(fan, announcement.id, { title }));
    await vote(fan, made[4]!.id);
    const tag = await team.client.post<{ tag: { id: string } }>('/api/tags', {
      name: `=cmd${Date.now().toString(36)}`,
    });
    await team.client.put(`/api/suggestions/${made[4]!.id}/tags`, { tagIds: [tag.body.tag.id] });

    const res = await team.client.get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=/);
    const text = String(res.body).replace(/^\uFEFF/, '');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'id',
      'title',
      'status',
      'votes',
      'replies',
      'tags',
      'author',
      'created_at',
      'shipped_in',
      'merged_into',
    ]);
    expect(rows.map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://evil.test","click")`,
      "'+1+2",
      "'-2+3",
      "'@SUM(A1:A2)",
      'Plain, with "quotes" and a comma',
    ]);
    for (const row of rows) {
      for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@]/);
    }
    expect(rows[4]).toMatchObject({
      0: made[4]!.id,
      2: 'open',
      3: '1',
      4: '0',
      6: fan.user.handle,
    });
    expect(rows[4]?.[5]).toMatch(/^'=cmd/);
  });
});

describe('the Atom feed of announcements', () => {
  it('is public, well formed, and escapes what the titles and bodies carry', async () => {
    const nasty = `Update <b>&</b> "quotes" 'apostrophes' ]]> ${Date.now()}`;
    const announcement = await createAnnouncement(team, {
      title: nasty,
      body: 'Hello <script>alert(1)</script> & welcome',
    });
    const idea = await createSuggestion(fan, announcement.id, { title: 'Ship <this> & that' });
    await team.client.post(`/api/announcements/${announcement.id}/shipped`, {
      suggestionIds: [idea.id],
    });
    const res = await new Client(app.url).get('/api/announcements.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = String(res.body);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const escaped = nasty
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;');
    expect(xml).toContain(`<title type="text">${escaped}</title>`);
    expect(xml).not.toContain(nasty);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain(`/a/${announcement.id}</id>`);
    // The shipped list is inside the HTML content, escaped twice (HTML, then XML).
    expect(xml).toContain('Shipped from your suggestions');
    expect(xml).toContain('Ship &amp;lt;this&amp;gt; &amp;amp; that');
    // Only the tags Atom uses, each opened and closed.
    const tags = xml.match(/<\/?[a-z]+[^>]*>/g) ?? [];
    const names = new Set(tags.map((t) => /<\/?([a-z]+)/.exec(t)?.[1]));
    for (const name of names) {
      expect([
        'feed',
        'title',
        'id',
        'link',
        'updated',
        'entry',
        'published',
        'author',
        'name',
        'content',
      ]).toContain(name);
    }
    const opened = tags.filter((t) => !t.startsWith('</') && !t.endsWith('/>')).length;
    const closed = tags.filter((t) => t.startsWith('</')).length;
    expect(opened).toBe(closed);
  });
});
