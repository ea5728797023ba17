/**
 * Every XSS payload, posted through the API and rendered by the client in
 * Chromium, must stay inert: no dialog, no script effect, no request to
 * another host. The payloads set a flag or call out, so a hit is unmissable.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { guardedPage, launch, signedInPage } from './browser.ts';

const PAYLOADS = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=2;alert(2)">',
  '<svg onload="window.__xss=3"><circle r=1 /></svg>',
  '[click me](javascript:window.__xss=4)',
  '[click me](JaVaScRiPt:window.__xss=5)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![pixel](https://evil.example/pixel.png)',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<a href="https://evil.example" onmouseover="window.__xss=6">hover</a>',
  '<style>body{background:url(https://evil.example/bg.png)}</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '"><img src=x onerror=window.__xss=7>',
  "'-alert(8)-'",
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>',
  '<details open ontoggle="window.__xss=10">x</details>',
  '<body onload=window.__xss=11>',
];

let app: TestApp;
let browser: Browser;
let paths: string[];
/** Staff screens show posts too (flag queue excerpts, internal notes): as a moderator and an admin. */
let staff: { cookie: string; paths: string[] };

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launch()]);
  const team = await createPerson(app, { role: 'team' });
  const fan: Person = await createPerson(app);
  const reporter = await createPerson(app);
  const admin = await createPerson(app, { role: 'admin' });
  const announcement = await createAnnouncement(team, {
    title: PAYLOADS[1]!,
    body: PAYLOADS.join('\n\n'),
  });
  const suggestionPaths: string[] = [];
  for (const payload of PAYLOADS) {
    const s = await createSuggestion(fan, announcement.id, {
      title: payload.slice(0, 200),
      body: payload,
    });
    const reply = await createReply(fan, s.id, { body: payload });
    await createReply(fan, s.id, { body: `re: ${payload}`, parentId: reply.id });
    suggestionPaths.push(`/s/${s.id}`);
    // Flagged with the payload as the note, and noted internally: the staff screens show both.
    await reporter.client.post('/api/flags', {
      targetType: 'reply',
      targetId: reply.id,
      reason: 'other',
      note: payload.slice(0, 500),
    });
    await admin.client.post(`/api/suggestions/${s.id}/notes`, { body: payload });
  }
  staff = {
    cookie: admin.client.cookie,
    paths: ['/moderation', '/triage', suggestionPaths[1] ?? '/', suggestionPaths[4] ?? '/'],
  };
  paths = [
    '/',
    `/a/${announcement.id}`,
    ...suggestionPaths,
    `/search?q=${encodeURIComponent('script alert')}`,
    '/roadmap',
  ];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function inert(page: Page, url: string, offHost: string[], dialogs: string[]) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // Hover and click every link of a post, as a curious reader would.
  for (const link of await page.locator('.prose a, [class*="body"] a').all()) {
    await link.hover().catch(() => {});
  }
  const flag = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
  expect(flag, `script ran on ${url}`).toBeUndefined();
  expect(dialogs, `dialog on ${url}`).toEqual([]);
  expect(offHost, `request to another host from ${url}`).toEqual([]);
}

describe('XSS in the browser', () => {
  it('no payload runs, opens a dialog, or reaches another host on any page', async () => {
    const context = await browser.newContext();
    const guard = await guardedPage(context);
    const { page } = guard;
    const host = new URL(app.url).host;
    const offHost: string[] = [];
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith('http') && url.host !== host) offHost.push(req.url());
    });
    for (const path of paths) await inert(page, `${app.url}${path}`, offHost, dialogs);
    expect(guard.problems().filter((p) => !/Content Security Policy/.test(p))).toEqual([]);
    await context.close();
  }, 180_000);

  it('the staff screens (flag queue, triage, internal notes) keep them inert too', async () => {
    const guard = await signedInPage(browser, app.url, staff.cookie);
    const { page } = guard;
    const host = new URL(app.url).host;
    const offHost: string[] = [];
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith('http') && url.host !== host) offHost.push(req.url());
    });
    for (const path of staff.paths) await inert(page, `${app.url}${path}`, offHost, dialogs);
    await page.goto(`${app.url}/moderation`);
    await page.locator('.flag-notes', { hasText: '<img src=x onerror' }).first().waitFor();
    expect(guard.problems().filter((p) => !/Content Security Policy/.test(p))).toEqual([]);
    await page.context().close();
  }, 120_000);
});
