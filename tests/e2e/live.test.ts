/**
 * Two fans in two browsers, against the real server and PostgreSQL: what one
 * does, the other sees without reloading.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  PASSWORD,
  type Person,
  uniqueHandle,
} from '../helpers/factories.ts';
import { type Guard, guardedPage, launch } from './browser.ts';

let app: TestApp;
let browser: Browser;
let announcement: Announcement;
let team: Person;
const guards: Guard[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launch()]);
  team = await createPerson(app, { role: 'team' });
  announcement = await createAnnouncement(team, {
    title: 'Aurora X2 launch: tell us what to improve',
    body: 'The **Aurora X2** is out. What should the first update fix?',
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newFan(): Promise<Guard> {
  const guard = await guardedPage(await browser.newContext());
  guards.push(guard);
  return guard;
}

/** Registers through the sign-in page and lands on `next`. */
async function register(page: Page, handle: string, next: string) {
  await page.goto(`${app.url}/signin?next=${encodeURIComponent(next)}`);
  await page.fill('#register-handle', handle);
  await page.fill('#register-email', `${handle}@example.test`);
  await page.fill('#register-password', PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${app.url}${next}`);
  await page.getByRole('link', { name: new RegExp(handle) }).waitFor();
}

/** A browser signed in as someone made through the API (their session cookie). */
async function signedIn(person: Person): Promise<Guard> {
  const context = await browser.newContext();
  const [name = '', value = ''] = person.client.cookie.split('=');
  await context.addCookies([{ name, value, url: app.url }]);
  const guard = await guardedPage(context);
  guards.push(guard);
  return guard;
}

/** The page's rooms are joined: from here on, nothing published is missed. */
const live = (page: Page) => page.locator('[data-live="joined"]').waitFor();

describe('two fans, live', () => {
  it('a suggestion, a vote and replies travel between two browsers without a reload', async () => {
    const a = await newFan();
    const b = await newFan();
    const handleA = uniqueHandle('ana');
    const handleB = uniqueHandle('ben');
    const path = `/a/${announcement.id}`;

    await register(a.page, handleA, path);
    await register(b.page, handleB, path);
    await a.page.getByRole('heading', { level: 1, name: announcement.title }).waitFor();
    await Promise.all([live(a.page), live(b.page)]);

    // A posts a suggestion; it shows at the top of A's own list at once.
    const title = `Faster wireless charging ${handleA}`;
    await a.page.fill('#suggestion-title', title);
    await a.page.fill('#suggestion-body', 'Please support **50 W** charging on the stand.');
    await a.page.getByRole('button', { name: 'Post suggestion' }).click();
    const rowA = a.page.locator('.suggestion-row', { hasText: title });
    await rowA.waitFor();

    // B's list does not move by itself: a banner offers the new suggestion.
    const banner = b.page.getByRole('button', { name: /1 new suggestion — show/ });
    await banner.waitFor();
    expect(await b.page.locator('.suggestion-row', { hasText: title }).count()).toBe(0);
    await banner.click();
    const rowB = b.page.locator('.suggestion-row', { hasText: title });
    await rowB.waitFor();

    // B votes: optimistic for B, confirmed; A's count follows live.
    await rowB.locator('.vote-button').click();
    await expect.poll(() => rowB.locator('.vote-button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => rowB.locator('.vote-count').textContent()).toBe('1');
    await expect.poll(() => rowA.locator('.vote-count').textContent()).toBe('1');

    // Both open the suggestion.
    await rowA.getByRole('link', { name: title }).click();
    await rowB.getByRole('link', { name: title }).click();
    await a.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await b.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await Promise.all([live(a.page), live(b.page)]);
    await expect.poll(() => a.page.locator('.vote-large .vote-count').textContent()).toBe('1');

    // B replies; A sees it appear, announced politely.
    const replyB = `Yes! Overnight charging is too slow ${handleB}`;
    await b.page.fill('#reply-body-top', replyB);
    await b.page.getByRole('button', { name: 'Post reply' }).click();
    const replyOnA = a.page.locator('.reply', { hasText: replyB });
    await replyOnA.waitFor();
    await expect
      .poll(() => a.page.locator('[role="status"][aria-live="polite"]').textContent())
      .toContain(`New reply from ${handleB}`);
    await expect.poll(() => a.page.locator('#replies-heading').textContent()).toBe('1 reply');

    // A answers B's reply (nested); B sees it under B's reply.
    await replyOnA.getByRole('button', { name: 'Reply', exact: true }).click();
    const nested = `Agreed, and a cooler stand ${handleA}`;
    await a.page.getByLabel(`Your reply to ${handleB}`).fill(nested);
    await replyOnA.getByRole('button', { name: 'Post reply' }).click();
    const parentOnB = b.page.locator('.reply-item', { hasText: replyB });
    await parentOnB.locator('.replies .reply', { hasText: nested }).waitFor();

    // A changes a vote on B's reply; B sees the score move.
    await replyOnA.getByRole('button', { name: 'Upvote reply' }).click();
    await expect
      .poll(() => parentOnB.locator('.reply').first().locator('.score').textContent())
      .toMatch(/^1/);

    for (const guard of [a, b]) expect(guard.problems()).toEqual([]);
  }, 120_000);

  it('A edits and deletes a reply of their own, and the other browser follows', async () => {
    const a = await newFan();
    const b = await newFan();
    const handleA = uniqueHandle('cam');
    const handleB = uniqueHandle('dee');
    const fan = await createPerson(app);
    const suggestion = await fan.client.post<{ suggestion: { id: string; title: string } }>(
      `/api/announcements/${announcement.id}/suggestions`,
      { title: `Edge lighting for notifications ${handleA}`, body: 'Like the old LED.' },
    );
    const path = `/s/${suggestion.body.suggestion.id}`;
    await register(a.page, handleA, path);
    await register(b.page, handleB, path);
    await Promise.all([live(a.page), live(b.page)]);

    await a.page.fill('#reply-body-top', 'First draft of my reply');
    await a.page.getByRole('button', { name: 'Post reply' }).click();
    const mine = a.page.locator('.reply', { hasText: 'First draft of my reply' });
    await mine.waitFor();
    await b.page.locator('.reply', { hasText: 'First draft of my reply' }).waitFor();

    await mine.getByRole('button', { name: 'Edit' }).click();
    await a.page.getByLabel('Edit your reply').fill('Second thoughts: a better reply');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await b.page.locator('.reply', { hasText: 'Second thoughts: a better reply' }).waitFor();

    const edited = a.page.locator('.reply', { hasText: 'Second thoughts: a better reply' });
    await edited.getByRole('button', { name: 'Delete' }).click();
    await edited.getByRole('button', { name: 'Yes, delete' }).click();
    await b.page.locator('.reply', { hasText: 'This reply was deleted.' }).waitFor();
    expect(await b.page.locator('.reply', { hasText: 'Second thoughts' }).count()).toBe(0);

    for (const guard of [a, b]) expect(guard.problems()).toEqual([]);
  }, 90_000);

  it('after a drop the server cannot recover, the page refetches and ends right', async () => {
    // A recovery window of 1 ms: a reconnecting socket always comes back empty-handed.
    const strict = await startApp({ SOCKET_RECOVERY_MS: '1' });
    try {
      const guard = await newFan();
      const { page } = guard;
      await page.goto(`${strict.url}/a/${announcement.id}`);
      await page.locator('.suggestion-row').first().waitFor();
      await live(page);

      for (const socket of strict.forum.io.sockets.sockets.values()) socket.conn.close();
      await page.locator('[data-live="connecting"]').waitFor();
      // Published while the browser is away (socket.io waits at least 0.5 s to reconnect).
      const refetch = page.waitForRequest((req) =>
        req.url().includes(`/api/announcements/${announcement.id}/suggestions?`),
      );
      const poster = await createPerson(strict);
      await createSuggestion(poster, announcement.id, { title: 'Posted while you were away' });

      await live(page);
      await refetch;
      await page.getByRole('button', { name: /1 new suggestion — show/ }).click();
      await page.locator('.suggestion-row', { hasText: 'Posted while you were away' }).waitFor();
      expect(guard.problems()).toEqual([]);
    } finally {
      await strict.close();
    }
  }, 60_000);

  it('the team plans a fan’s suggestion in one browser; the fan sees status, note, response and notification live', async () => {
    const fan = await createPerson(app);
    const idea = await createSuggestion(fan, announcement.id, { title: 'Dual-SIM with eSIM' });
    const fanGuard = await signedIn(fan);
    const teamGuard = await signedIn(team);
    const page = fanGuard.page;
    const teamPage = teamGuard.page;
    await page.goto(`${app.url}/s/${idea.id}`);
    await teamPage.goto(`${app.url}/s/${idea.id}`);
    await Promise.all([live(page), live(teamPage)]);
    const bell = page.locator('.bell-button');
    await bell.waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('Notifications');
    // Fans do not get the team's tools.
    expect(await page.getByText('Team tools').count()).toBe(0);

    await teamPage.getByText('Team tools').click();
    await teamPage.selectOption('#team-status', 'planned');
    await teamPage.fill('#team-status-note', 'Coming in update 16.');
    await teamPage.getByRole('button', { name: 'Update status' }).click();
    await teamPage.locator('.page-head .status', { hasText: 'Planned' }).waitFor();

    await page.locator('.page-head .status', { hasText: 'Planned' }).waitFor();
    await page.locator('.status-history', { hasText: 'Coming in update 16.' }).waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');

    await teamPage.fill('#team-response', 'We hear you: eSIM lands with the next modem firmware.');
    await teamPage.getByRole('button', { name: 'Post official response' }).click();
    await page
      .locator('.reply.is-official', { hasText: 'eSIM lands with the next modem firmware' })
      .getByText('Official response')
      .waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 2 unread');

    await bell.click();
    await page
      .locator('#notifications-panel', { hasText: '“Dual-SIM with eSIM” is now Planned' })
      .waitFor();
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#notifications-panel').isHidden()).toBe(true);
    for (const guard of [fanGuard, teamGuard]) expect(guard.problems()).toEqual([]);
  }, 60_000);

  it('a post a moderator hides disappears live for fans and stays, marked, for the moderator', async () => {
    const author = await createPerson(app);
    const moderator = await createPerson(app, { role: 'moderator' });
    const reader = await createPerson(app);
    const idea = await createSuggestion(author, announcement.id, { title: 'Spam bait ideas' });
    const reply = await author.client.post<{ reply: { id: string } }>(
      `/api/suggestions/${idea.id}/replies`,
      { body: 'Buy cheap followers here' },
    );
    const readerGuard = await signedIn(reader);
    const modGuard = await signedIn(moderator);
    const listGuard = await newFan();
    await readerGuard.page.goto(`${app.url}/s/${idea.id}`);
    await modGuard.page.goto(`${app.url}/s/${idea.id}`);
    await listGuard.page.goto(`${app.url}/a/${announcement.id}?sort=new`);
    await Promise.all([live(readerGuard.page), live(modGuard.page), live(listGuard.page)]);
    await readerGuard.page.locator('.reply', { hasText: 'Buy cheap followers here' }).waitFor();
    const row = listGuard.page.locator('.suggestion-row', { hasText: 'Spam bait ideas' });
    await row.waitFor();

    const hidden = await moderator.client.post(`/api/replies/${reply.body.reply.id}/hide`, {
      reason: 'Spam',
    });
    expect(hidden.status).toBe(200);
    await readerGuard.page
      .locator('.reply', { hasText: 'This reply was hidden by a moderator.' })
      .waitFor();
    expect(await readerGuard.page.getByText('Buy cheap followers here').count()).toBe(0);
    await modGuard.page
      .locator('.reply', { hasText: 'Buy cheap followers here' })
      .getByText('Hidden: Spam')
      .waitFor();

    const gone = await moderator.client.post(`/api/suggestions/${idea.id}/hide`, {
      reason: 'Spam',
    });
    expect(gone.status).toBe(200);
    await row.waitFor({ state: 'detached' });
    await modGuard.page.getByText('Hidden by a moderator: Spam').waitFor();
    for (const guard of [readerGuard, modGuard, listGuard]) expect(guard.problems()).toEqual([]);
  }, 60_000);
});
