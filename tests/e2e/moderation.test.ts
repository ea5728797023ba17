/**
 * A moderator works a launch-day flood in the browser while fans read along:
 * the flag queue, hiding a reply (gone live from a fan's open page), locking a
 * suggestion, launch-surge mode (slow mode, held posts), approving a held post,
 * banning a spammer from their post, and the audit log of all of it. And a
 * member flags a reply. The run has a database of its own, so the queue and
 * the audit log hold only what this file does.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, SuggestionView } from '../../server/contracts.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { createDatabase, dropDatabase } from '../helpers/database.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { type Guard, launch, live, signedInPage } from './browser.ts';

let database: { name: string; url: string };
let app: TestApp;
let browser: Browser;
let team: Person;
let moderator: Person;
let announcement: Announcement;

beforeAll(async () => {
  database = await createDatabase('forum_e2e_mod');
  const setup = await openDatabase({ DATABASE_URL: database.url, DATA_DIR: 'data/test' });
  await migrateToLatest(setup.db);
  await setup.close();
  [app, browser] = await Promise.all([startApp({ DATABASE_URL: database.url }), launch()]);
  // The first account of a database is its admin: take that seat, so the rest are who we say.
  await createPerson(app);
  team = await createPerson(app, { role: 'team' });
  moderator = await createPerson(app, { role: 'moderator' });
  announcement = await createAnnouncement(team, {
    title: 'Aurora X3 is here: launch day',
    body: 'Tell us what you think of the **Aurora X3**.',
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (database) await dropDatabase(database.name);
});

const guards: Guard[] = [];
async function as(person: Person): Promise<Guard> {
  const guard = await signedInPage(browser, app.url, person.client.cookie);
  guards.push(guard);
  return guard;
}

async function flag(
  person: Person,
  targetType: 'suggestion' | 'reply',
  targetId: string,
  reason: string,
  note?: string,
) {
  const res = await person.client.post('/api/flags', { targetType, targetId, reason, note });
  expect(res.status).toBe(201);
}

describe('moderation in the browser', () => {
  it('a moderator works a flood: queue, hide, lock, slow mode, approval, ban, audit log', async () => {
    const author = await createPerson(app);
    const spammer = await createPerson(app);
    const reader = await createPerson(app);
    const newcomer = await createPerson(app);
    const flaggers = await Promise.all([createPerson(app), createPerson(app), createPerson(app)]);
    const idea = await createSuggestion(author, announcement.id, {
      title: 'Bring back the headphone jack',
      body: 'USB-C dongles get lost.',
    });
    const spam = await createReply(spammer, idea.id, { body: 'Cheap followers at spam.example' });
    const [f1, f2, f3] = flaggers as [Person, Person, Person];
    await flag(f1, 'reply', spam.id, 'spam');
    await flag(f2, 'reply', spam.id, 'spam', 'Same link in every thread');
    await flag(f3, 'reply', spam.id, 'abuse');
    await flag(f1, 'suggestion', idea.id, 'off_topic');

    const fan = await as(reader);
    await fan.page.goto(`${app.url}/s/${idea.id}`);
    await live(fan.page);
    await fan.page.locator('.reply', { hasText: 'Cheap followers at spam.example' }).waitFor();

    // The queue: one card per flagged thing, with counts, reasons and members' notes.
    const mod = await as(moderator);
    const page = mod.page;
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Moderation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    const spamCard = page.locator(`[data-target="reply:${spam.id}"]`);
    await spamCard.waitFor();
    expect(await spamCard.textContent()).toContain('3 flags');
    expect(await spamCard.textContent()).toContain('spam × 2, abuse × 1');
    expect(await spamCard.textContent()).toContain('Same link in every thread');
    const ideaCard = page.locator(`[data-target="suggestion:${idea.id}"]`);
    expect(await ideaCard.textContent()).toContain('1 flag');

    // Hide the spam (the reason is prefilled from the flags) and close its flags in one go:
    // the fan's open page loses it live.
    expect(await spamCard.getByLabel('Reason', { exact: true }).inputValue()).toBe('Spam');
    await spamCard.getByRole('button', { name: 'Hide and resolve' }).click();
    await spamCard.waitFor({ state: 'detached' });
    await fan.page
      .locator('.reply', { hasText: 'This reply was hidden by a moderator.' })
      .waitFor();
    expect(await fan.page.getByText('Cheap followers at spam.example').count()).toBe(0);
    // Nothing wrong with the suggestion itself.
    await ideaCard.getByRole('button', { name: 'Dismiss' }).click();
    await ideaCard.waitFor({ state: 'detached' });
    await page.getByText('Nothing is flagged. All quiet.').waitFor();

    // Lock the suggestion: the fan's page closes its replies live.
    await page.goto(`${app.url}/s/${idea.id}`);
    await live(page);
    await page.locator('summary', { hasText: /^Moderation$/ }).click();
    await page.getByRole('button', { name: 'Lock suggestion' }).click();
    await page.locator('.page-head .badge-locked', { hasText: 'Locked' }).waitFor();
    await fan.page.getByText('This suggestion is locked: no new replies.').waitFor();

    // Ban the spammer, from their (hidden, still shown to moderators) reply.
    const hiddenReply = page.locator('.reply', { hasText: 'Cheap followers at spam.example' });
    await hiddenReply.getByText('Hidden: Spam').waitFor();
    await hiddenReply.getByRole('button', { name: 'Moderate' }).click();
    await hiddenReply.getByLabel('Reason (kept in the audit log)').fill('Spam links everywhere');
    await hiddenReply.getByRole('button', { name: `Ban ${spammer.user.handle}` }).click();
    await hiddenReply.getByText(`${spammer.user.handle} is banned`).waitFor();
    expect((await spammer.client.get('/api/me')).status).toBe(401);

    // Launch-surge mode on the announcement: slow mode, and new accounts' posts held.
    await page.goto(`${app.url}/a/${announcement.id}`);
    await page.getByText('Moderation: launch surge, pin and lock').click();
    await page.fill('#surge-slowModeSeconds', '60');
    await page.fill('#surge-minAccountAgeHours', '24');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page
      .locator('.surge-form .success', {
        hasText: 'Launch surge: slow mode: 60 seconds between a member’s posts',
      })
      .waitFor();

    // A newcomer posts: held for approval, and told so; posting again at once meets slow mode.
    const newbie = await as(newcomer);
    newbie.allow(/\/api\/announcements\/\d+\/suggestions$/, 429);
    await newbie.page.goto(`${app.url}/a/${announcement.id}`);
    await newbie.page.fill('#suggestion-title', 'Always-on display schedule');
    await newbie.page.fill('#suggestion-body', 'Off at night, on by day.');
    await newbie.page.getByRole('button', { name: 'Post suggestion' }).click();
    await newbie.page.locator('.held-note', { hasText: 'Sent for approval' }).waitFor();
    await newbie.page.fill('#suggestion-title', 'A second idea straight away');
    await newbie.page.fill('#suggestion-body', 'Too fast?');
    await newbie.page.getByRole('button', { name: 'Post suggestion' }).click();
    await newbie.page
      .getByRole('alert')
      .filter({
        hasText: /Slow mode is on during the launch: you can post here again in \d+ seconds/,
      })
      .waitFor();

    // The fan watches the announcement; the moderator approves the held post and it appears.
    await fan.page.goto(`${app.url}/a/${announcement.id}`);
    await live(fan.page);
    await page.getByRole('link', { name: 'Moderation', exact: true }).click();
    await page.getByRole('link', { name: 'Held posts' }).click();
    const held = page.locator('.queue-item', { hasText: 'Always-on display schedule' });
    await held.getByRole('button', { name: 'Approve' }).click();
    await held.waitFor({ state: 'detached' });
    await fan.page.getByRole('button', { name: /1 new suggestion — show/ }).click();
    await fan.page.locator('.suggestion-row', { hasText: 'Always-on display schedule' }).waitFor();

    // Every action is in the audit log, with who did it.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('.audit-log').waitFor();
    for (const action of [
      'reply.hide',
      'flags.resolve',
      'flags.dismiss',
      'suggestion.lock',
      'user.ban',
      'announcement.surge',
      'suggestion.approve',
    ]) {
      const entry = page.locator(`.audit-log [data-action="${action}"]`);
      await entry.waitFor();
      expect(await entry.textContent()).toContain(moderator.user.handle);
    }
    expect(await page.locator('[data-action="user.ban"]').textContent()).toContain(
      '“Spam links everywhere”',
    );

    for (const guard of guards) expect(guard.problems()).toEqual([]);
  }, 120_000);

  it('a member flags a reply, and a second flag on it is answered kindly', async () => {
    const author = await createPerson(app);
    const member = await createPerson(app);
    // An announcement of its own: the first test turns on launch-surge mode on the other.
    const quiet = await createAnnouncement(team, { title: 'Weekly update 3' });
    const idea: SuggestionView = await createSuggestion(author, quiet.id, {
      title: 'Faster face unlock in the dark',
    });
    const rude = await createReply(author, idea.id, { body: 'Anyone who disagrees is clueless' });

    const guard = await as(member);
    guard.allow(/\/api\/flags$/, 409);
    const page: Page = guard.page;
    await page.goto(`${app.url}/s/${idea.id}`);
    const reply = page.locator('.reply', { hasText: 'Anyone who disagrees is clueless' });
    // A member flags; moderating is not theirs to do.
    expect(await reply.getByRole('button', { name: 'Moderate' }).count()).toBe(0);
    await reply.getByRole('button', { name: 'Flag', exact: true }).click();
    await reply.getByLabel('Why should a moderator look at it?').selectOption('abuse');
    await reply.getByLabel('Note for the moderators (optional)').fill('Insulting other fans');
    await reply.getByRole('button', { name: 'Send flag' }).click();
    await reply.getByRole('status').filter({ hasText: 'a moderator will look at it' }).waitFor();

    await page.reload();
    await reply.getByRole('button', { name: 'Flag', exact: true }).click();
    await reply.getByRole('button', { name: 'Send flag' }).click();
    await reply.getByText('You already flagged this; a moderator will look at it.').waitFor();

    const queue = await moderator.client.get<{
      items: { targetId: string; reasons: Record<string, number>; notes: string[] }[];
    }>('/api/moderation/queue');
    const item = queue.body.items.find((i) => i.targetId === rude.id);
    expect(item?.reasons).toEqual({ abuse: 1 });
    expect(item?.notes).toEqual(['Insulting other fans']);
    expect(guard.problems()).toEqual([]);
  }, 60_000);
});
