import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../../server/http/route-table.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import { createPerson, PASSWORD, type Person } from '../helpers/factories.ts';

let app: TestApp;
let admin: Person;
beforeAll(async () => {
  app = await startApp({ LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW_MINUTES: '15' });
  admin = await createPerson(app, { role: 'admin' });
});
afterAll(() => app.close());

const sidOf = (cookie: string) =>
  decodeURIComponent(cookie.split('=')[1] ?? '')
    .slice(2)
    .split('.')[0] ?? '';

describe('sessions', () => {
  it('rotate the id on sign-in: a cookie planted before sign-in is not the one that signs in', async () => {
    const person = await createPerson(app);
    const planted = new Client(app.url);
    await planted.post('/api/auth/login', {
      login: person.user.handle,
      password: 'wrong password',
    });
    const before = planted.cookie;
    await planted.post('/api/auth/login', { login: person.user.handle, password: PASSWORD });
    expect(planted.cookie).not.toBe('');
    expect(planted.cookie).not.toBe(before);
  });

  it('end after the idle timeout: an expired row no longer signs anyone in', async () => {
    const person = await createPerson(app);
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE sid = ${sidOf(person.client.cookie)}`.execute(
      app.database.db,
    );
    expect((await person.client.get('/api/me')).status).toBe(401);
  });

  it('end after the absolute timeout, however active', async () => {
    const person = await createPerson(app);
    const longAgo = Date.now() - 31 * 86_400_000;
    await sql`UPDATE sessions SET sess = jsonb_set(sess, '{signedInAt}', to_jsonb(${longAgo}::bigint)) WHERE sid = ${sidOf(person.client.cookie)}`.execute(
      app.database.db,
    );
    expect((await person.client.get('/api/me')).status).toBe(401);
  });

  it('logout ends the session on every instance (it lives in the database)', async () => {
    const person = await createPerson(app);
    const other = await startApp();
    try {
      const elsewhere = new Client(other.url);
      elsewhere.cookie = person.client.cookie;
      expect((await elsewhere.get('/api/me')).status).toBe(200);
      await person.client.post('/api/auth/logout');
      expect((await elsewhere.get('/api/me')).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('login throttling', () => {
  it('locks an account after repeated failures, for the window only, and says when to retry', async () => {
    const person = await createPerson(app);
    for (let i = 0; i < 5; i++) {
      await new Client(app.url).post('/api/auth/login', {
        login: person.user.handle,
        password: 'wrong password',
      });
    }
    const locked = await new Client(app.url).post('/api/auth/login', {
      login: person.user.handle,
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    // An attacker can hold the door shut for at most the window, not for good.
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The lock is per account: someone else signs in normally from the same place.
    const other = await createPerson(app);
    expect(
      (
        await new Client(app.url).post('/api/auth/login', {
          login: other.user.handle,
          password: PASSWORD,
        })
      ).status,
    ).toBe(200);
  });
});

describe('cross-site request forgery', () => {
  it('every unsafe route refuses a foreign Origin and a cross-site fetch before doing anything', async () => {
    const unsafe = listRoutes(app.forum.app).filter(
      (r) => r.method !== 'GET' && r.path.startsWith('/api'),
    );
    expect(unsafe.length).toBeGreaterThan(20);
    for (const route of unsafe) {
      const path = route.path.replace(/:id/g, '1');
      const variants: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
      ];
      for (const headers of variants) {
        const res = await admin.client.request(route.method, path, {}, { headers });
        expect(res.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
  });

  it('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const client = new Client(app.url);
    const person = await createPerson(app);
    const res = await client.post('/api/auth/login', {
      login: person.user.handle,
      password: PASSWORD,
    });
    const cookie = res.headers.getSetCookie().join('; ');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('every page carries a CSP without inline scripts or eval', async () => {
    for (const path of ['/', '/a/1', '/s/1', '/roadmap', '/api/announcements']) {
      const csp =
        (await new Client(app.url).get(path)).headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'/);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });
});
