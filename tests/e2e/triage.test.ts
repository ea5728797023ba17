/**
 * A product team member triages in the browser, against the real server and
 * PostgreSQL, while a fan watches in another: the awaiting queue, a tag, a
 * merge and its undo, an internal note the fan never sees, and shipping in an
 * update, which reaches the fan's bell live.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
  uniqueHandle,
} from '../helpers/factories.ts';
import { type Guard, launch, live, signedInPage } from './browser.ts';

let app: TestApp;
let browser: Browser;
let team: Person;
let fan: Person;
let launchPost: Announcement;
let update: Announcement;
let original: SuggestionView;
let duplicate: SuggestionView;
/** A word only this run's titles have, so search and similar find ours. */
const word = uniqueHandle('zq');

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launch()]);
  team = await createPerson(app, { role: 'team' });
  fan = await createPerson(app);
  const other = await createPerson(app);
  launchPost = await createAnnouncement(team, { title: `Aurora X3 launch ${word}` });
  update = await createAnnouncement(team, { title: `Weekly update 15 ${word}` });
  original = await createSuggestion(fan, launchPost.id, {
    title: `Longer standby battery life ${word}`,
    body: 'It drains overnight.',
  });
  duplicate = await createSuggestion(other, launchPost.id, {
    title: `Better standby battery ${word}`,
    body: 'Same idea, worded differently.',
  });
  // The duplicate's own voter: the merge unites votes, the unmerge gives this one back.
  const voter = await createPerson(app);
  expect((await voter.client.put(`/api/suggestions/${duplicate.id}/vote`)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const guards: Guard[] = [];
async function as(person: Person): Promise<Page> {
  const guard = await signedInPage(browser, app.url, person.client.cookie);
  guards.push(guard);
  return guard.page;
}

describe('triage in the browser', () => {
  it('tags, merges and unmerges, notes internally, and ships in an update that the fan hears about', async () => {
    const page = await as(team);
    const fanPage = await as(fan);

    // The awaiting queue, filtered to the launch: both new suggestions wait for an answer.
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Triage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Triage' }).waitFor();
    await page.selectOption('#awaiting-announcement', launchPost.id);
    await page.waitForURL(`${app.url}/triage?announcement=${launchPost.id}`);
    const queue = page.locator('.awaiting .suggestion-list');
    await queue.getByRole('link', { name: duplicate.title }).waitFor();
    await queue.getByRole('link', { name: original.title }).click();
    await page.getByRole('heading', { level: 1, name: original.title }).waitFor();

    // The fan reads the same suggestion, live.
    await fanPage.goto(`${app.url}/s/${original.id}`);
    await live(fanPage);
    await live(page);

    // A tag, made on the spot and applied; the fan's page shows it live.
    await page.getByText('Team tools').click();
    await page.fill(`#new-tag-${original.id}`, `battery${word.slice(-6)}`);
    await page.getByRole('button', { name: 'Add tag' }).click();
    const tag = page.getByRole('checkbox', { name: `#battery${word.slice(-6)}` });
    await expect.poll(() => tag.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.locator('.page-head .tags', { hasText: `#battery${word.slice(-6)}` }).waitFor();
    await fanPage.locator('.page-head .tags', { hasText: `#battery${word.slice(-6)}` }).waitFor();

    // An internal note: the team sees it, the fan's page has no trace of it.
    const note = `Hardware says the modem idles badly ${word}`;
    await page.fill(`#note-${original.id}`, note);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.internal-notes .notes', { hasText: note }).waitFor();
    await fanPage.reload();
    await fanPage.getByRole('heading', { level: 1, name: original.title }).waitFor();
    await live(fanPage);
    expect(await fanPage.getByRole('heading', { name: 'Internal notes' }).count()).toBe(0);
    expect(await fanPage.getByText(note).count()).toBe(0);
    expect(await fanPage.getByText('Team tools').count()).toBe(0);

    // Merge the duplicate into the original, found by searching, then undo it.
    await page.goto(`${app.url}/s/${duplicate.id}`);
    await page.getByRole('heading', { level: 1, name: duplicate.title }).waitFor();
    await expect.poll(() => page.locator('.vote-large .vote-count').textContent()).toBe('1');
    await page.getByText('Team tools').click();
    await page.fill(`#merge-into-${duplicate.id}`, word);
    await page.getByRole('button', { name: `Merge into “${original.title}”` }).click();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.locator('.page-head .status', { hasText: 'Merged' }).waitFor();
    await page.locator('.notice', { hasText: /^Merged into/ }).waitFor();
    await expect.poll(() => page.locator('.vote-large .vote-count').textContent()).toBe('0');

    await page.getByRole('button', { name: 'Undo merge' }).click();
    await page.locator('.page-head .status', { hasText: 'Open' }).waitFor();
    expect(await page.locator('.notice', { hasText: /^Merged into/ }).count()).toBe(0);
    await expect.poll(() => page.locator('.vote-large .vote-count').textContent()).toBe('1');

    // Ship the original in the weekly update; the fan (its author) is told live.
    const bell = fanPage.locator('.bell-button');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    await page.goto(`${app.url}/a/${update.id}`);
    await page.getByRole('heading', { level: 1, name: update.title }).waitFor();
    await page.getByText('Team tools').click();
    await page
      .getByRole('link', { name: 'Download this announcement’s suggestions (CSV)' })
      .waitFor();
    await page.fill(`#ship-pick-${update.id}`, `longer ${word}`);
    await page.getByRole('button', { name: `Add “${original.title}”` }).click();
    await page.getByRole('button', { name: 'Ship 1 suggestion' }).click();
    await page.locator('.shipped', { hasText: original.title }).waitFor();

    await fanPage.locator('.page-head .status', { hasText: 'Shipped' }).waitFor();
    await fanPage.locator('.notice-shipped').waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await bell.click();
    await fanPage
      .locator('#notifications-panel', { hasText: `Shipped in ${update.title}` })
      .waitFor();

    // The CSV export answers for the team (the link's target, fetched with the session).
    const csv = await page.evaluate(
      async (href) => (await fetch(href)).text(),
      `/api/announcements/${launchPost.id}/export.csv`,
    );
    expect(csv).toContain(original.title);

    for (const guard of guards) expect(guard.problems()).toEqual([]);
  }, 120_000);
});
