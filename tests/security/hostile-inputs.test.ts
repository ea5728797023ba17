import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../../server/http/route-table.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import { unsafeParts } from '../helpers/html-safety.ts';
import { HOSTILE_CASES } from './hostile-inputs.ts';

let app: TestApp;
let admin: Person;
let member: Person;
let ids: Record<string, string>;

beforeAll(async () => {
  app = await startApp({ LOGIN_MAX_FAILURES: '100000' });
  [admin, member] = await Promise.all([createPerson(app, { role: 'admin' }), createPerson(app)]);
  const target = await createPerson(app);
  const announcement = await createAnnouncement(admin);
  const suggestion = await createSuggestion(member, announcement.id);
  const reply = await createReply(member, suggestion.id);
  ids = {
    announcements: announcement.id,
    suggestions: suggestion.id,
    replies: reply.id,
    users: target.user.id,
  };
});
afterAll(() => app.close());

function concrete(path: string): string {
  return path.replace(/\/(\w+)\/:(\w+)/g, (_match, kind: string) => `/${kind}/${ids[kind] ?? '1'}`);
}

describe('the hostile-input catalogue', () => {
  it('has at least 50 entries', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(50);
  });

  it('every write endpoint answers every entry with a 2xx or a clear 4xx, never a 500', async () => {
    const writes = listRoutes(app.forum.app).filter(
      (r) => r.method !== 'GET' && r.path.startsWith('/api') && r.path !== '/api/auth/logout',
    );
    expect(writes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const route of writes) {
      // The admin passes every role check, so each request reaches validation and the handler.
      const clients = [admin.client, member.client];
      for (const hostile of HOSTILE_CASES) {
        for (const client of clients) {
          const res = await client.request(
            route.method,
            concrete(route.path),
            hostile.raw === undefined ? hostile.body : undefined,
            {
              ...(hostile.raw === undefined ? {} : { raw: hostile.raw }),
              headers: { 'content-type': hostile.contentType ?? 'application/json' },
            },
          );
          const shaped =
            res.status < 400 ||
            (typeof res.body === 'object' && res.body !== null && 'error' in res.body);
          if (res.status >= 500 || !shaped)
            failures.push(`${route.method} ${route.path} ← ${hostile.name}: ${res.status}`);
        }
      }
      // A member-only route that banned or demoted someone should not stop the run.
      await sql`UPDATE users SET banned_at = NULL, suspended_until = NULL WHERE id IN (${admin.user.id}, ${member.user.id})`.execute(
        app.database.db,
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('leaves every counter equal to the rows it counts (nothing half-written)', async () => {
    const drift = await sql<{ id: string }>`
      SELECT s.id FROM suggestions s
      WHERE s.vote_count <> (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id)
         OR s.reply_count <> (SELECT count(*) FROM replies r WHERE r.suggestion_id = s.id)
      UNION ALL
      SELECT a.id FROM announcements a
      WHERE a.suggestion_count <> (SELECT count(*) FROM suggestions s WHERE s.announcement_id = a.id)`.execute(
      app.database.db,
    );
    expect(drift.rows).toEqual([]);
  });

  it('stored whatever it accepted harmlessly: no rendered post can run a script', async () => {
    const rows = await sql<{ body_html: string }>`
      SELECT body_html FROM suggestions UNION ALL SELECT body_html FROM replies UNION ALL SELECT body_html FROM announcements`.execute(
      app.database.db,
    );
    const unsafe = rows.rows.flatMap((row) => unsafeParts(row.body_html));
    expect(unsafe).toEqual([]);
    const handles = await sql<{
      handle: string;
    }>`SELECT handle FROM users WHERE handle ~ '[\\u0000-\\u001f\\u202a-\\u202e\\u2066-\\u2069\\u200b]'`.execute(
      app.database.db,
    );
    expect(handles.rows).toEqual([]);
  });
});
