/**
 * Links, reloads and the back button; a keyboard-only visit; errors shown
 * next to the field that caused them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  PASSWORD,
  type Person,
} from '../helpers/factories.ts';
import { focusIsVisible, type Guard, guardedPage, launch, tabTo } from './browser.ts';

let app: TestApp;
let browser: Browser;
let announcement: Announcement;
let suggestion: SuggestionView;
let fan: Person;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launch()]);
  const team = await createPerson(app, { role: 'team' });
  fan = await createPerson(app);
  announcement = await createAnnouncement(team, {
    title: 'Weekly update 14: camera and battery',
    body: 'This week: night mode and a battery fix. What next?',
  });
  suggestion = await createSuggestion(fan, announcement.id, {
    title: 'Show battery health in settings',
    body: 'Cycle count and capacity, like laptops do.',
  });
  await createReply(fan, suggestion.id, { body: 'Even a simple percentage would do.' });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const h1 = (guard: Guard, name: string) =>
  guard.page.getByRole('heading', { level: 1, name }).waitFor();

describe('routes', () => {
  it('links move in place, a deep link survives a reload, and back goes back', async () => {
    const guard = await guardedPage(await browser.newContext());
    const { page } = guard;
    await page.goto(`${app.url}/`);
    await h1(guard, 'Announcements');
    const requestsBefore: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'document') requestsBefore.push(req.url());
    });

    await page.getByRole('link', { name: announcement.title }).click();
    await h1(guard, announcement.title);
    expect(page.url()).toBe(`${app.url}/a/${announcement.id}`);
    await page.getByRole('link', { name: suggestion.title }).click();
    await h1(guard, suggestion.title);
    expect(page.url()).toBe(`${app.url}/s/${suggestion.id}`);
    // Client-side: no document was loaded for either step.
    expect(requestsBefore).toEqual([]);

    await page.reload();
    await h1(guard, suggestion.title);
    await page.locator('.reply', { hasText: 'Even a simple percentage would do.' }).waitFor();

    await page.goBack();
    await h1(guard, announcement.title);
    expect(page.url()).toBe(`${app.url}/a/${announcement.id}`);
    await page.goBack();
    await h1(guard, 'Announcements');
    await page.goForward();
    await h1(guard, announcement.title);

    // Sort tabs and the status filter live in the URL, so they are shareable too.
    await page.getByRole('link', { name: 'Top', exact: true }).click();
    await page.waitForURL(`${app.url}/a/${announcement.id}?sort=top`);
    expect(
      await page.getByRole('link', { name: 'Top', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await page.selectOption('#status-filter', 'planned');
    await page.waitForURL(`${app.url}/a/${announcement.id}?sort=top&status=planned`);
    await page.getByText('No planned suggestions.').waitFor();

    // Search from the header, by keyboard-submittable form; results link to suggestions.
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search suggestions').fill('battery health');
    await page.getByLabel('Search suggestions').press('Enter');
    await page.waitForURL(`${app.url}/search?q=battery+health`);
    await page.locator('.search-results').getByRole('link', { name: suggestion.title }).waitFor();
    await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /Planned/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Shipped/ }).waitFor();

    // A direct link to something that does not exist says so.
    guard.allow(/\/api\/suggestions\/999999999$/, 404);
    await page.goto(`${app.url}/s/999999999`);
    await h1(guard, 'Not found');

    expect(guard.problems()).toEqual([]);
  }, 60_000);
});

describe('keyboard only', () => {
  it('signs in, votes and replies without a mouse, with a visible focus all along', async () => {
    const guard = await guardedPage(await browser.newContext());
    const { page } = guard;
    const member = await createPerson(app);
    await page.goto(`${app.url}/signin?next=${encodeURIComponent(`/s/${suggestion.id}`)}`);
    await h1(guard, 'Sign in');

    await tabTo(page, '#signin-login');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.type(member.user.handle);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await h1(guard, suggestion.title);

    // Focus starts at the content after a navigation; Tab reaches the vote button.
    await tabTo(page, '.vote-large .vote-button');
    expect(await focusIsVisible(page)).toBe(true);
    const before = Number(await page.locator('.vote-large .vote-count').textContent());
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.locator('.vote-large .vote-button').getAttribute('aria-pressed'))
      .toBe('true');
    await expect
      .poll(async () => Number(await page.locator('.vote-large .vote-count').textContent()))
      .toBe(before + 1);

    await tabTo(page, '#reply-body-top');
    await page.keyboard.type('Typed with the keyboard alone.');
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.locator('.reply', { hasText: 'Typed with the keyboard alone.' }).waitFor();
    // The new reply takes the focus, so the reader is where the action is.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Typed with the keyboard alone.');

    // A nested reply, opened and sent from the keyboard.
    const first = page.locator('.reply', { hasText: 'Even a simple percentage would do.' });
    await first.getByRole('button', { name: 'Reply', exact: true }).focus();
    await page.keyboard.press('Enter');
    // The box opens with the cursor in it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('A nested answer, by keyboard.');
    await page.keyboard.press('Control+Enter');
    await page
      .locator('.reply-item', { hasText: 'Even a simple percentage would do.' })
      .locator('.replies .reply', { hasText: 'A nested answer, by keyboard.' })
      .waitFor();

    expect(guard.problems()).toEqual([]);
  }, 60_000);
});

describe('errors next to their cause', () => {
  it('shows the server’s field errors under the fields and keeps the page usable', async () => {
    const guard = await guardedPage(await browser.newContext());
    guard.allow(/\/api\/auth\/register$/, 400);
    guard.allow(/\/api\/announcements\/\d+\/suggestions$/, 400);
    const { page } = guard;
    await page.goto(`${app.url}/signin`);
    await page.fill('#register-handle', 'x');
    await page.fill('#register-email', 'not-an-email');
    await page.fill('#register-password', 'short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('#register-password-error').waitFor();
    expect(await page.locator('#register-handle-error').textContent()).toMatch(/at least 3/);
    expect(await page.locator('#register-email-error').textContent()).toMatch(/email/);
    expect(await page.locator('#register-password-error').textContent()).toMatch(/at least 10/);
    expect(await page.locator('#register-handle').getAttribute('aria-invalid')).toBe('true');
    // The first refused field gets the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('register-handle');

    await page.fill('#signin-login', fan.user.handle);
    await page.fill('#signin-password', PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await h1(guard, 'Announcements');
    await page.goto(`${app.url}/a/${announcement.id}`);
    await page.fill('#suggestion-title', '   ');
    await page.fill('#suggestion-body', 'A body without a title');
    await page.getByRole('button', { name: 'Post suggestion' }).click();
    expect(await page.locator('#suggestion-title-error').textContent()).toMatch(/empty/);

    // While the title is typed, near-duplicates are offered (vote instead of posting twice).
    await page.fill('#suggestion-title', 'Battery health in the settings');
    await page
      .locator('.similar')
      .getByRole('link', { name: 'Show battery health in settings' })
      .waitFor();

    // The Markdown preview is the server's rendering (same renderer and sanitizer as posts):
    // Markdown becomes markup, raw HTML and javascript: links stay text.
    await page.fill(
      '#suggestion-body',
      '**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1))',
    );
    const rendered = page.waitForResponse(
      (res) => res.url().endsWith('/api/markdown/preview') && res.status() === 200,
    );
    await page.getByRole('button', { name: 'Preview' }).click();
    await rendered;
    const preview = page.locator('.md-preview');
    await preview.locator('strong', { hasText: 'bold' }).waitFor();
    expect(await preview.locator('img').count()).toBe(0);
    expect(await preview.locator('a').count()).toBe(0);
    expect(await preview.textContent()).toContain('<img src=x onerror=alert(1)>');

    // Signing out from /me: the header offers sign-in again and the live connection comes
    // back as a visitor's (the server closes the old session's sockets).
    await page.locator('[data-live="joined"]').waitFor();
    await page.getByRole('link', { name: `Your account: ${fan.user.handle}` }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await h1(guard, 'Announcements');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: announcement.title }).click();
    await page.locator('[data-live="joined"]').waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();

    expect(guard.problems()).toEqual([]);
  }, 60_000);
});
