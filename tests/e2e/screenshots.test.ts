/**
 * Screenshots for the README, taken on the seeded demo data in a database of
 * their own (so other test files' rows never show): home, an announcement, a
 * thread, and the thread on a 360 px phone. Saved to docs/screenshots/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, Page, SuggestionView } from '../../server/contracts.ts';
import { FANS } from '../../server/seed/launch-data.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import { createDatabase, dropDatabase } from '../helpers/database.ts';
import { guardedPage, launch, screenshotsDir } from './browser.ts';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
/** The seed's shared demo password (scripts/seed.ts). */
const DEMO_PASSWORD = 'forum-demo-2026';

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
});

describe('screenshots', () => {
  it('captures home, an announcement and a thread on the seeded data', async () => {
    mkdirSync(screenshotsDir, { recursive: true });
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

    const context = await browser.newContext({
      viewport: { width: 1100, height: 860 },
      deviceScaleFactor: 1,
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    const guard = await guardedPage(context);
    const { page } = guard;
    await page.goto(`${app.url}/signin`);
    // The last fan voted least, so the lists show votes as others see them.
    await page.fill('#signin-login', FANS.at(-1) ?? 'wren');
    await page.fill('#signin-password', DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Announcements' }).waitFor();
    await page.locator('.announcement-card').first().waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'home.png') });

    await page.getByRole('link', { name: launchPost.title }).click();
    await page.locator('.suggestion-row').first().waitFor();
    await page.locator('[data-live="joined"]').waitFor();
    await page.locator('.suggestion-list').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotsDir, 'announcement.png'), fullPage: false });

    await page.goto(`${app.url}/s/${thread.id}`);
    await page.locator('.reply').first().waitFor();
    await page.locator('[data-live="joined"]').waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'thread.png') });

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
    await small.page.screenshot({ path: path.join(screenshotsDir, 'thread-360.png') });

    expect([...guard.problems(), ...small.problems()]).toEqual([]);
  }, 90_000);
});
