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
import { unsafeParts } from './helpers/html-safety.ts';

let app: TestApp;
let team: Person;
let fan: Person;
let announcementId: string;
beforeAll(async () => {
  app = await startApp();
  [team, fan] = await Promise.all([createPerson(app, { role: 'team' }), createPerson(app)]);
  announcementId = (await createAnnouncement(team)).id;
  await createSuggestion(fan, announcementId);
});
afterAll(() => app.close());

async function suggestionCount() {
  const row = await app.database.db
    .selectFrom('suggestions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('announcement_id', '=', announcementId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function expectErrorShape(body: unknown) {
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

describe('malformed requests', () => {
  const path = () => `/api/announcements/${announcementId}/suggestions`;

  it('malformed JSON is a 400 in the error shape', async () => {
    const res = await fan.client.post(path(), undefined, {
      raw: '{"title": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
  });

  it('a body over the limit is a 413', async () => {
    const res = await fan.client.post(path(), { title: 't', body: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expectErrorShape(res.body);
  });

  it('JSON sent as another content type is a 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await fan.client.post(path(), undefined, {
        raw: '{"title":"t","body":"b"}',
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(415);
    }
  });

  it('a NUL byte in any string is a 400, not a database error', async () => {
    for (const body of [
      { title: 'a\u0000b', body: 'ok' },
      { title: 'ok', body: 'a\u0000b' },
    ]) {
      const res = await fan.client.post(path(), body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body);
    }
    expect(
      (await fan.client.get(`/api/announcements/${announcementId}/suggestions?cursor=%00`)).status,
    ).toBe(400);
  });

  it('ids that are not ids answer 400 or 404, never 500', async () => {
    const bad = [
      'abc',
      "1'%20OR%20'1'='1",
      '1;DROP%20TABLE%20users',
      '9999999999999999999999999',
      '1.5',
      '%F0%9F%98%80',
      '-3',
    ];
    for (const id of bad) {
      for (const url of [`/api/suggestions/${id}`, `/api/announcements/${id}/suggestions`]) {
        const res = await fan.client.get(url);
        expect([400, 404], url).toContain(res.status);
        expectErrorShape(res.body);
      }
      expect([400, 404]).toContain((await fan.client.put(`/api/suggestions/${id}/vote`)).status);
    }
  });

  it('wrong JSON types are field errors', async () => {
    const cases = [
      [],
      'text',
      42,
      null,
      { title: 5, body: true },
      { title: ['a'], body: { b: 1 } },
    ];
    for (const body of cases) {
      const res = await fan.client.post(path(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('leaves nothing half-written after any of the above', async () => {
    expect(await suggestionCount()).toBe(1);
  });

  it('unknown API paths are a JSON 404', async () => {
    const res = await fan.client.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expectErrorShape(res.body);
  });
});

describe('cross-site requests', () => {
  it('refuses an unsafe request from a foreign Origin or a cross-site fetch', async () => {
    const body = { title: 'csrf', body: 'csrf' };
    const foreign = await fan.client.post(
      `/api/announcements/${announcementId}/suggestions`,
      body,
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(foreign.status).toBe(403);
    const crossSite = await fan.client.post(
      `/api/announcements/${announcementId}/suggestions`,
      body,
      {
        headers: { 'sec-fetch-site': 'cross-site' },
      },
    );
    expect(crossSite.status).toBe(403);
    const own = await fan.client.post(`/api/announcements/${announcementId}/suggestions`, body, {
      headers: { origin: app.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(201);
  });

  it('serves a Content-Security-Policy without inline scripts on pages', async () => {
    const page = await new Client(app.url).get('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('Markdown is rendered safely', () => {
  it('the checker itself catches what it should', () => {
    expect(
      unsafeParts('<p onclick="x">a</p><a href="JavaScript:alert(1)">b</a><svg></svg>'),
    ).toHaveLength(3);
    expect(
      unsafeParts('<p>&lt;script&gt; onerror=alert(1)</p><a href="https://x.test">ok</a>'),
    ).toEqual([]);
  });

  const vectors = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><circle/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![img](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '[x](vbscript:msgbox(1))',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '`<script>` and <b onclick=alert(1)>bold</b>',
  ];

  it.each(vectors)('%s leaves no script, handler or dangerous URL', async (vector) => {
    const res = await fan.client.post<{ suggestion: SuggestionView }>(
      `/api/announcements/${announcementId}/suggestions`,
      {
        title: vector.slice(0, 200),
        body: vector,
      },
    );
    expect(res.status).toBe(201);
    expect(unsafeParts(res.body.suggestion.bodyHtml)).toEqual([]);
    // The title is stored as text; clients render it as text.
    expect(res.body.suggestion.title).toBe(vector.slice(0, 200).trim());
  });
});

describe('the Markdown preview', () => {
  it('renders with the same sanitizer as posts, for signed-in members', async () => {
    expect((await new Client(app.url).post('/api/markdown/preview', { body: 'x' })).status).toBe(
      401,
    );
    expect((await fan.client.post('/api/markdown/preview', { body: '' })).status).toBe(400);
    const res = await fan.client.post<{ bodyHtml: string }>('/api/markdown/preview', {
      body: '**hi** <script>alert(1)</script> [x](javascript:alert(1))',
    });
    expect(res.body.bodyHtml).toContain('<strong>hi</strong>');
    expect(unsafeParts(res.body.bodyHtml)).toEqual([]);
  });
});
