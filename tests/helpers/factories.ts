import type { Announcement, Reply, Role, SuggestionView, User } from '../../server/contracts.ts';
import type { TestApp } from './app.ts';
import { Client } from './client.ts';

let counter = 0;
/** A unique, valid handle for this run. */
export const uniqueHandle = (prefix = 'fan') =>
  `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${(counter++).toString(36)}`.slice(
    0,
    32,
  );

export const PASSWORD = 'correct horse battery staple';

export interface Person {
  client: Client;
  user: User;
}

/** Registers a fresh account over HTTP, then sets its role in the database when asked. */
export async function createPerson(
  app: TestApp,
  overrides: { role?: Role; handle?: string } = {},
): Promise<Person> {
  const client = new Client(app.url);
  const handle = overrides.handle ?? uniqueHandle();
  const res = await client.post<{ user: User }>('/api/auth/register', {
    handle,
    email: `${handle}@example.test`,
    password: PASSWORD,
  });
  if (res.status !== 201)
    throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const role = overrides.role ?? 'member';
  if (res.body.user.role !== role) {
    await app.database.db
      .updateTable('users')
      .set({ role })
      .where('id', '=', res.body.user.id)
      .execute();
  }
  return { client, user: { ...res.body.user, role } };
}

export async function createAnnouncement(
  team: Person,
  overrides: Partial<{ title: string; body: string; pinned: boolean }> = {},
): Promise<Announcement> {
  const res = await team.client.post<{ announcement: Announcement }>('/api/announcements', {
    title: overrides.title ?? `Update ${uniqueHandle('u')}`,
    body: overrides.body ?? 'What would you like next?',
    ...(overrides.pinned === undefined ? {} : { pinned: overrides.pinned }),
  });
  if (res.status !== 201)
    throw new Error(`announcement failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.announcement;
}

export async function createSuggestion(
  fan: Person,
  announcementId: string,
  overrides: Partial<{ title: string; body: string }> = {},
): Promise<SuggestionView> {
  const res = await fan.client.post<{ suggestion: SuggestionView }>(
    `/api/announcements/${announcementId}/suggestions`,
    {
      title: overrides.title ?? `Idea ${uniqueHandle('i')}`,
      body: overrides.body ?? 'It would help a lot.',
    },
  );
  if (res.status !== 201)
    throw new Error(`suggestion failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.suggestion;
}

export async function createReply(
  fan: Person,
  suggestionId: string,
  overrides: Partial<{ body: string; parentId: string }> = {},
): Promise<Reply> {
  const res = await fan.client.post<{ reply: Reply }>(`/api/suggestions/${suggestionId}/replies`, {
    body: overrides.body ?? 'Agreed!',
    ...(overrides.parentId ? { parentId: overrides.parentId } : {}),
  });
  if (res.status !== 201)
    throw new Error(`reply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.reply;
}
