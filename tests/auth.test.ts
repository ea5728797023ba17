import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import { createPerson, PASSWORD, uniqueHandle } from './helpers/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => app.close());

describe('register', () => {
  it('refuses missing and malformed fields, naming each one', async () => {
    const res = await new Client(app.url).post('/api/auth/register', {
      handle: 'x',
      email: 'nope',
    });
    expect(res.status).toBe(400);
    const paths = (
      res.body.error as { details: { fields: { path: string }[] } }
    ).details.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.handle', 'body.email', 'body.password']));
  });

  it('signs the new member in and ignores a role in the body', async () => {
    const client = new Client(app.url);
    const handle = uniqueHandle();
    const res = await client.post('/api/auth/register', {
      handle,
      email: `${handle}@example.test`,
      password: PASSWORD,
      role: 'admin',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ handle, role: 'member' });
    const cookie = res.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.get('/api/me');
    expect(me.body.user).toMatchObject({ handle, role: 'member' });
  });

  it('answers 409 for a handle or email already taken, whatever the case', async () => {
    const first = await createPerson(app);
    const res = await new Client(app.url).post('/api/auth/register', {
      handle: first.user.handle.toUpperCase(),
      email: `other-${first.user.handle}@example.test`,
      password: PASSWORD,
    });
    expect(res.status).toBe(409);
  });
});

describe('login and logout', () => {
  it('answers 401 with the same message for an unknown login and a wrong password', async () => {
    const person = await createPerson(app);
    const unknown = await new Client(app.url).post('/api/auth/login', {
      login: 'nobody-here',
      password: PASSWORD,
    });
    const wrong = await new Client(app.url).post('/api/auth/login', {
      login: person.user.handle,
      password: 'wrong password!',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('signs in by handle or email on a new session id', async () => {
    const person = await createPerson(app);
    const client = new Client(app.url);
    await client.get('/api/me');
    const byEmail = await client.post('/api/auth/login', {
      login: `${person.user.handle}@example.test`.toUpperCase(),
      password: PASSWORD,
    });
    expect(byEmail.status).toBe(200);
    const first = client.cookie;
    const byHandle = await client.post('/api/auth/login', {
      login: person.user.handle,
      password: PASSWORD,
    });
    expect(byHandle.status).toBe(200);
    expect(client.cookie).not.toBe(first);
  });

  it('logout ends the session: the old cookie no longer works', async () => {
    const person = await createPerson(app);
    const stolen = person.client.cookie;
    const out = await person.client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    const replay = new Client(app.url);
    replay.cookie = stolen;
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  it('throttles failed logins per account with 429 and Retry-After', async () => {
    const person = await createPerson(app);
    for (let i = 0; i < 3; i++) {
      const res = await new Client(app.url).post('/api/auth/login', {
        login: person.user.handle,
        password: 'wrong password!',
      });
      expect(res.status).toBe(401);
    }
    const blocked = await new Client(app.url).post('/api/auth/login', {
      login: person.user.handle,
      password: PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  it('only an admin changes roles; members get 403, visitors 401', async () => {
    const admin = await createPerson(app, { role: 'admin' });
    const member = await createPerson(app);
    const target = await createPerson(app);
    expect(
      (await new Client(app.url).patch(`/api/users/${target.user.id}/role`, { role: 'team' }))
        .status,
    ).toBe(401);
    expect(
      (await member.client.patch(`/api/users/${target.user.id}/role`, { role: 'team' })).status,
    ).toBe(403);
    expect(
      (await admin.client.patch(`/api/users/${target.user.id}/role`, { role: 'boss' })).status,
    ).toBe(400);
    expect((await admin.client.patch('/api/users/999999999/role', { role: 'team' })).status).toBe(
      404,
    );
    const ok = await admin.client.patch(`/api/users/${target.user.id}/role`, { role: 'team' });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ id: target.user.id, role: 'team' });
    // The change applies to the open session at once.
    expect((await target.client.get('/api/me')).body.user).toMatchObject({ role: 'team' });
  });
});

describe('the first account', () => {
  it('becomes the admin of an empty database; the next is a member', async () => {
    const { createDatabase, dropDatabase } = await import('./helpers/database.ts');
    const { openDatabase } = await import('../server/db/connect.ts');
    const { migrateToLatest } = await import('../server/db/migrate.ts');
    const fresh = await createDatabase('forum_first');
    const database = await openDatabase({ DATABASE_URL: fresh.url, DATA_DIR: 'data/test' });
    await migrateToLatest(database.db);
    await database.close();
    const own = await startApp({ DATABASE_URL: fresh.url });
    try {
      const register = (handle: string) =>
        new Client(own.url).post('/api/auth/register', {
          handle,
          email: `${handle}@example.test`,
          password: PASSWORD,
        });
      const [a, b] = await Promise.all([register('first-one'), register('second-one')]);
      const roles = [a.body.user, b.body.user].map((u) => (u as { role: string }).role).sort();
      expect(roles).toEqual(['admin', 'member']);
    } finally {
      await own.close();
      await dropDatabase(fresh.name);
    }
  });
});
