/**
 * Screenshots for the README, taken on the seeded demo data in a database of
 * their own (so other test files' rows never show): home, an announcement, a
 * thread, the thread on a 360 px phone, the moderators' flag queue and the
 * team's triage screen.
 *
 * Every run writes them to test-results/screenshots/ (ignored by git), so
 * `npm test` leaves the tree clean; `UPDATE_SCREENSHOTS=1` also copies them
 * into docs/screenshots/, to be committed.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContextOptions, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, Page, ReplyView, SuggestionView } from '../../server/contracts.ts';
import { FANS } from '../../server/seed/launch-data.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import { createDatabase, dropDatabase } from '../helpers/database.ts';
import { guardedPage, launch, screenshotsDocs, screenshotsOut } from './browser.ts';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
/** The seed's shared demo password (scripts/seed.ts). */
const DEMO_PASSWORD = 'forum-demo-2026';
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const taken: string[] = [];

/** Saves a screenshot of the page under test-results/screenshots/. */
async function shoot(page: BrowserPage, name: string, fullPage = false) {
  mkdirSync(screenshotsOut, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsOut, name), fullPage });
  taken.push(name);
}

const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1100, height: 860 },
  deviceScaleFactor: 1,
  colorScheme: 'light',
  reducedMotion: 'reduce',
};

let app: TestApp;
let browser: Browser;
let database: { name: string; url: string };

beforeAll(async () => {
  database = await createDatabase('forum_shots');
  await promisify(execFile)(process.execPath, [path.join(root, 'scripts/seed.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      SESSION_SECRET: 'screenshot-secret-screenshot-secret-42',
      LOG_LEVEL: 'silent',
    },
  });
  [app, browser] = await Promise.all([startApp({ DATABASE_URL: database.url }), launch()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (database) await dropDatabase(database.name);
  if (UPDATE) {
    mkdirSync(screenshotsDocs, { recursive: true });
    for (const name of taken)
      copyFileSync(path.join(screenshotsOut, name), path.join(screenshotsDocs, name));
  }
});

/** Signs in through the sign-in page, as a seeded account. */
async function signIn(page: BrowserPage, login: string) {
  await page.goto(`${app.url}/signin`);
  await page.fill('#signin-login', login);
  await page.fill('#signin-password', DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Announcements' }).waitFor();
}

/** A seeded fan, signed in over HTTP. */
async function fanClient(handle: string): Promise<Client> {
  const client = new Client(app.url);
  const res = await client.post('/api/auth/login', { login: handle, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${handle}: ${res.status}`);
  return client;
}

describe('screenshots', () => {
  it('captures home, an announcement and a thread on the seeded data', async () => {
    const api = new Client(app.url);
    const announcements = (await api.get<Page<Announcement>>('/api/announcements')).body.items;
    const launchPost = announcements[0];
    if (!launchPost) throw new Error('the seed made no announcements');
    const top = (
      await api.get<Page<SuggestionView>>(
        `/api/announcements/${launchPost.id}/suggestions?sort=top&limit=20`,
      )
    ).body.items;
    const thread = [...top].sort((x, y) => y.replyCount - x.replyCount)[0];
    if (!thread) throw new Error('the seed made no suggestions');

    const guard = await guardedPage(await browser.newContext(DESKTOP));
    const { page } = guard;
    // The last fan voted least, so the lists show votes as others see them.
    await signIn(page, FANS.at(-1) ?? 'wren');
    await page.locator('.announcement-card').first().waitFor();
    await shoot(page, 'home.png');

    await page.getByRole('link', { name: launchPost.title }).click();
    await page.locator('.suggestion-row').first().waitFor();
    await page.locator('[data-live="joined"]').waitFor();
    await page.locator('.suggestion-list').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'announcement.png');

    await page.goto(`${app.url}/s/${thread.id}`);
    await page.locator('.reply').first().waitFor();
    await page.locator('[data-live="joined"]').waitFor();
    await shoot(page, 'thread.png');

    const phone = await browser.newContext({
      viewport: { width: 360, height: 780 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
    });
    const small = await guardedPage(phone);
    await small.page.goto(`${app.url}/s/${thread.id}`);
    await small.page.locator('.reply').first().waitFor();
    // Nothing is wider than the phone.
    const overflow = await small.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(small.page, 'thread-360.png');

    expect([...guard.problems(), ...small.problems()]).toEqual([]);
  }, 90_000);

  it('captures the moderators’ flag queue and the team’s triage screen', async () => {
    const api = new Client(app.url);
    const launchPost = (await api.get<Page<Announcement>>('/api/announcements')).body.items[0];
    if (!launchPost) throw new Error('the seed made no announcements');
    const top = (
      await api.get<Page<SuggestionView>>(
        `/api/announcements/${launchPost.id}/suggestions?sort=top&limit=20`,
      )
    ).body.items;
    const busy = [...top].sort((x, y) => y.replyCount - x.replyCount)[0];
    if (!busy) throw new Error('the seed made no suggestions');
    const { replies } = (await api.get<{ replies: ReplyView[] }>(`/api/suggestions/${busy.id}`))
      .body;
    // A launch-day morning: a few fans flag a reply and a suggestion.
    const flags: [string, 'reply' | 'suggestion', string, string, string?][] = [
      [FANS[0] ?? '', 'reply', replies[0]?.id ?? '', 'spam', 'Same link in three threads'],
      [FANS[1] ?? '', 'reply', replies[0]?.id ?? '', 'spam'],
      [FANS[2] ?? '', 'reply', replies[0]?.id ?? '', 'abuse'],
      [FANS[3] ?? '', 'reply', replies[1]?.id ?? '', 'off_topic', 'About another phone'],
      [FANS[4] ?? '', 'suggestion', top[1]?.id ?? '', 'duplicate', 'Same as the battery one'],
    ];
    for (const [handle, targetType, targetId, reason, note] of flags) {
      const fan = await fanClient(handle);
      const res = await fan.post('/api/flags', { targetType, targetId, reason, note });
      expect(res.status).toBe(201);
    }

    const mod = await guardedPage(await browser.newContext(DESKTOP));
    await signIn(mod.page, 'maya_mod');
    await mod.page.getByRole('link', { name: 'Moderation' }).click();
    await mod.page.locator('.queue-item').nth(2).waitFor();
    await shoot(mod.page, 'moderation.png');

    const team = await guardedPage(await browser.newContext(DESKTOP));
    await signIn(team.page, 'tomas_pm');
    await team.page.getByRole('link', { name: 'Triage' }).click();
    await team.page.locator('.awaiting .suggestion-row').first().waitFor();
    await team.page.locator('.tag-manager').waitFor();
    await shoot(team.page, 'triage.png');

    expect([...mod.problems(), ...team.problems()]).toEqual([]);
  }, 90_000);
});
