import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  PASSWORD,
  type Person,
} from '../helpers/factories.ts';

let app: TestApp;
let moderator: Person;
let team: Person;
let announcementId: string;
beforeAll(async () => {
  app = await startApp();
  [moderator, team] = await Promise.all([
    createPerson(app, { role: 'moderator' }),
    createPerson(app, { role: 'team' }),
  ]);
  announcementId = (await createAnnouncement(team)).id;
});
afterAll(() => app.close());

type AuditPage = {
  items: { action: string; actor: { id: string }; targetId: string; reason: string | null }[];
};

describe('banning', () => {
  it('needs a moderator and a reason', async () => {
    const fan = await createPerson(app);
    const other = await createPerson(app);
    expect(
      (await new Client(app.url).post(`/api/users/${fan.user.id}/ban`, { reason: 'spam' })).status,
    ).toBe(401);
    expect(
      (await other.client.post(`/api/users/${fan.user.id}/ban`, { reason: 'spam' })).status,
    ).toBe(403);
    expect(
      (await team.client.post(`/api/users/${fan.user.id}/ban`, { reason: 'spam' })).status,
    ).toBe(403);
    expect((await moderator.client.post(`/api/users/${fan.user.id}/ban`, {})).status).toBe(400);
    expect((await moderator.client.post('/api/users/987654321/ban', { reason: 'x' })).status).toBe(
      404,
    );
    expect(
      (await moderator.client.post(`/api/users/${moderator.user.id}/ban`, { reason: 'x' })).status,
    ).toBe(403);
    expect(
      (await moderator.client.post(`/api/users/${team.user.id}/ban`, { reason: 'x' })).status,
    ).toBe(403);
  });

  it('ends every session at once, refuses sign-in and writes, and is audited', async () => {
    const fan = await createPerson(app);
    const secondDevice = new Client(app.url);
    await secondDevice.post('/api/auth/login', { login: fan.user.handle, password: PASSWORD });
    expect((await secondDevice.get('/api/me')).status).toBe(200);

    expect(
      (await moderator.client.post(`/api/users/${fan.user.id}/ban`, { reason: 'Spam links' }))
        .status,
    ).toBe(204);
    for (const client of [fan.client, secondDevice]) {
      expect((await client.get('/api/me')).status).toBe(401);
      expect(
        (
          await client.post(`/api/announcements/${announcementId}/suggestions`, {
            title: 't',
            body: 'b',
          })
        ).status,
      ).toBe(401);
    }
    const again = await new Client(app.url).post('/api/auth/login', {
      login: fan.user.handle,
      password: PASSWORD,
    });
    expect(again.status).toBe(403);
    expect(
      (await moderator.client.post(`/api/users/${fan.user.id}/ban`, { reason: 'again' })).status,
    ).toBe(409);

    const audit = await moderator.client.get<AuditPage>('/api/moderation/audit?limit=100');
    // Other files write to the same log at the same time: find ours by its target.
    expect(
      audit.body.items.find((e) => e.targetId === fan.user.id && e.action === 'user.ban'),
    ).toMatchObject({
      action: 'user.ban',
      targetId: fan.user.id,
      reason: 'Spam links',
      actor: { id: moderator.user.id },
    });

    expect((await moderator.client.post(`/api/users/${fan.user.id}/unban`, {})).status).toBe(204);
    const back = new Client(app.url);
    expect(
      (await back.post('/api/auth/login', { login: fan.user.handle, password: PASSWORD })).status,
    ).toBe(200);
  });
});

describe('suspending', () => {
  it('lets the member read but not write until the time passes', async () => {
    const fan = await createPerson(app);
    const path = `/api/users/${fan.user.id}/suspend`;
    expect(
      (await moderator.client.post(path, { until: '2001-01-01T00:00:00Z', reason: 'x' })).status,
    ).toBe(400);
    expect((await moderator.client.post(path, { until: 'tomorrow', reason: 'x' })).status).toBe(
      400,
    );
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await moderator.client.post(path, { until, reason: 'Cool off' })).status).toBe(204);
    expect((await fan.client.get(`/api/announcements/${announcementId}/suggestions`)).status).toBe(
      200,
    );
    const write = await fan.client.post(`/api/announcements/${announcementId}/suggestions`, {
      title: 't',
      body: 'b',
    });
    expect(write.status).toBe(403);
    expect((await moderator.client.post(`/api/users/${fan.user.id}/unsuspend`, {})).status).toBe(
      204,
    );
    expect(
      (
        await fan.client.post(`/api/announcements/${announcementId}/suggestions`, {
          title: 't',
          body: 'b',
        })
      ).status,
    ).toBe(201);
  });
});

describe('the audit log', () => {
  it('is for moderators, and the database refuses to change or remove an entry', async () => {
    const fan = await createPerson(app);
    expect((await fan.client.get('/api/moderation/audit')).status).toBe(403);
    await moderator.client.post(`/api/users/${fan.user.id}/suspend`, {
      until: new Date(Date.now() + 60_000).toISOString(),
      reason: 'r',
    });
    await expect(
      sql`UPDATE audit_log SET reason = 'changed'`.execute(app.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(app.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('records role changes by admins', async () => {
    const admin = await createPerson(app, { role: 'admin' });
    const fan = await createPerson(app);
    expect(
      (await admin.client.patch(`/api/users/${fan.user.id}/role`, { role: 'team' })).status,
    ).toBe(200);
    const audit = await moderator.client.get<AuditPage>('/api/moderation/audit?limit=5');
    expect(audit.body.items.find((e) => e.targetId === fan.user.id)).toMatchObject({
      action: 'user.role',
      actor: { id: admin.user.id },
    });
  });
});

describe('launch-surge settings', () => {
  it('are set by the team or a moderator, validated and audited', async () => {
    const fan = await createPerson(app);
    const path = `/api/announcements/${announcementId}/surge`;
    expect((await fan.client.patch(path, { slowModeSeconds: 30 })).status).toBe(403);
    expect((await moderator.client.patch(path, {})).status).toBe(400);
    expect((await moderator.client.patch(path, { slowModeSeconds: -1 })).status).toBe(400);
    const set = await moderator.client.patch(path, { slowModeSeconds: 30, minAccountAgeHours: 24 });
    expect(set.status).toBe(200);
    expect(set.body.surge).toEqual({ slowModeSeconds: 30, minAccountAgeHours: 24 });
    // Fans see it on the announcement, so slow mode is no surprise.
    const shown = await fan.client.get<{ announcement: { surge: unknown } }>(
      `/api/announcements/${announcementId}`,
    );
    expect(shown.body.announcement.surge).toEqual({ slowModeSeconds: 30, minAccountAgeHours: 24 });
    expect(
      (await team.client.patch(path, { slowModeSeconds: 0, minAccountAgeHours: 0 })).status,
    ).toBe(200);
  });
});

describe('what moderators can read', () => {
  it('a profile shows sanctions to moderators only', async () => {
    const fan = await createPerson(app);
    await moderator.client.post(`/api/users/${fan.user.id}/ban`, { reason: 'spam' });
    const publicView = await new Client(app.url).get<{ user: Record<string, unknown> }>(
      `/api/users/${fan.user.id}`,
    );
    expect(publicView.body.user).toMatchObject({
      id: fan.user.id,
      handle: fan.user.handle,
      role: 'member',
    });
    expect(publicView.body.user).not.toHaveProperty('banned');
    const staffView = await moderator.client.get<{ user: Record<string, unknown> }>(
      `/api/users/${fan.user.id}`,
    );
    expect(staffView.body.user).toMatchObject({ banned: true, suspendedUntil: null });
    expect((await moderator.client.get('/api/users/987654321')).status).toBe(404);
  });

  it('pinning, locking and a moderator deleting a reply are audited, with names to read', async () => {
    const fan = await createPerson(app);
    const announcement = await createAnnouncement(team, { title: 'Launch day thread' });
    const s = await createSuggestion(fan, announcement.id, { title: 'Spare battery case' });
    const reply = await createReply(fan, s.id, { body: 'off-topic rant' });
    const own = await createReply(fan, s.id, { body: 'oops' });
    await moderator.client.patch(`/api/announcements/${announcement.id}`, {
      pinned: true,
      locked: true,
    });
    expect((await moderator.client.delete(`/api/replies/${reply.id}`)).status).toBe(200);
    // An author deleting their own reply is not moderation.
    expect((await fan.client.delete(`/api/replies/${own.id}`)).status).toBe(200);

    const audit = await moderator.client.get<{ items: AuditEntry[] }>(
      '/api/moderation/audit?limit=100',
    );
    const about = (type: string, id: string) =>
      audit.body.items.filter((e) => e.targetType === type && e.targetId === id);
    expect(
      about('announcement', announcement.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['announcement.lock', 'announcement.pin']);
    expect(about('announcement', announcement.id)[0]).toMatchObject({
      targetLabel: 'Launch day thread',
      targetType: 'announcement',
    });
    expect(about('reply', reply.id)).toEqual([
      expect.objectContaining({ action: 'reply.delete', targetType: 'reply', suggestionId: s.id }),
    ]);
    expect(about('reply', own.id)).toEqual([]);
  });
});
