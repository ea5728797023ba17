import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../server/http/route-table.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from './helpers/factories.ts';

/** Who may call a route. "ok" below means any answer but 401 or 403. */
type Access =
  | 'anyone'
  | 'signedIn'
  | 'team'
  | 'moderator'
  | 'admin'
  | 'teamOrModerator'
  | 'authorOrStaff'
  | 'authorOrModerator';

const ROLES = ['visitor', 'member', 'team', 'moderator', 'admin', 'banned'] as const;
type RoleName = (typeof ROLES)[number];
type Expected = 'ok' | 401 | 403;

const EXPECTED: Record<Access, Record<RoleName, Expected>> = {
  anyone: { visitor: 'ok', member: 'ok', team: 'ok', moderator: 'ok', admin: 'ok', banned: 'ok' },
  signedIn: { visitor: 401, member: 'ok', team: 'ok', moderator: 'ok', admin: 'ok', banned: 401 },
  team: { visitor: 401, member: 403, team: 'ok', moderator: 403, admin: 'ok', banned: 401 },
  moderator: { visitor: 401, member: 403, team: 403, moderator: 'ok', admin: 'ok', banned: 401 },
  admin: { visitor: 401, member: 403, team: 403, moderator: 403, admin: 'ok', banned: 401 },
  teamOrModerator: {
    visitor: 401,
    member: 403,
    team: 'ok',
    moderator: 'ok',
    admin: 'ok',
    banned: 401,
  },
  // The fixtures are written by a separate author, so the member here is a stranger.
  authorOrStaff: {
    visitor: 401,
    member: 403,
    team: 'ok',
    moderator: 'ok',
    admin: 'ok',
    banned: 401,
  },
  authorOrModerator: {
    visitor: 401,
    member: 403,
    team: 403,
    moderator: 'ok',
    admin: 'ok',
    banned: 401,
  },
};

/**
 * Every route the app serves must be listed here; a new route without an
 * entry fails the first test below.
 */
const ROUTES: Record<string, Access> = {
  'GET /healthz': 'anyone',
  'GET /readyz': 'anyone',
  // Open when METRICS_TOKEN is unset (as here); tests/operations/metrics.test.ts covers the token.
  'GET /metrics': 'anyone',
  'POST /api/auth/register': 'anyone',
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/logout': 'signedIn',
  'GET /api/me': 'signedIn',
  'GET /api/announcements': 'anyone',
  'POST /api/announcements': 'team',
  'GET /api/announcements/:id': 'anyone',
  'PATCH /api/announcements/:id': 'teamOrModerator',
  'GET /api/announcements/:id/suggestions': 'anyone',
  'POST /api/announcements/:id/suggestions': 'signedIn',
  'GET /api/suggestions/:id': 'anyone',
  'GET /api/suggestions/:id/revisions': 'anyone',
  'PATCH /api/suggestions/:id': 'authorOrStaff',
  'POST /api/suggestions/:id/replies': 'signedIn',
  'PATCH /api/replies/:id': 'authorOrModerator',
  'DELETE /api/replies/:id': 'authorOrModerator',
  'PUT /api/suggestions/:id/vote': 'signedIn',
  'DELETE /api/suggestions/:id/vote': 'signedIn',
  'PUT /api/replies/:id/vote': 'signedIn',
  'DELETE /api/replies/:id/vote': 'signedIn',
  'PATCH /api/users/:id/role': 'admin',
  'GET /api/users/:id': 'anyone',
  'POST /api/flags': 'signedIn',
  'POST /api/markdown/preview': 'signedIn',
  'GET /api/moderation/queue': 'moderator',
  'POST /api/moderation/queue/resolve': 'moderator',
  'GET /api/moderation/audit': 'moderator',
  'POST /api/users/:id/ban': 'moderator',
  'POST /api/users/:id/unban': 'moderator',
  'POST /api/users/:id/suspend': 'moderator',
  'POST /api/users/:id/unsuspend': 'moderator',
  'PATCH /api/announcements/:id/surge': 'teamOrModerator',
  'POST /api/suggestions/:id/hide': 'moderator',
  'POST /api/suggestions/:id/unhide': 'moderator',
  'POST /api/replies/:id/hide': 'moderator',
  'POST /api/replies/:id/unhide': 'moderator',
  'POST /api/suggestions/:id/lock': 'teamOrModerator',
  'POST /api/suggestions/:id/unlock': 'teamOrModerator',
  'DELETE /api/suggestions/:id': 'authorOrModerator',
  'GET /api/moderation/pending': 'moderator',
  'POST /api/moderation/pending/approve': 'moderator',
  'POST /api/moderation/pending/reject': 'moderator',
  // Triage and closing the loop (tests/triage/ covers each in depth).
  'GET /api/search': 'anyone',
  'GET /api/suggestions/similar': 'anyone',
  'GET /api/roadmap': 'anyone',
  'GET /api/announcements/:id/shipped': 'anyone',
  'POST /api/announcements/:id/shipped': 'team',
  'GET /api/tags': 'anyone',
  'POST /api/tags': 'team',
  'DELETE /api/tags/:id': 'team',
  'PUT /api/suggestions/:id/tags': 'team',
  'GET /api/announcements.atom': 'anyone',
  'GET /api/announcements/:id/export.csv': 'team',
  'GET /api/notifications': 'signedIn',
  'POST /api/notifications/read': 'signedIn',
  'GET /api/suggestions/:id/follow': 'signedIn',
  'PUT /api/suggestions/:id/follow': 'signedIn',
  'DELETE /api/suggestions/:id/follow': 'signedIn',
  'GET /api/suggestions/:id/status-history': 'anyone',
  'PATCH /api/suggestions/:id/status': 'team',
  'POST /api/suggestions/:id/response': 'team',
  'POST /api/suggestions/:id/merge': 'team',
  'POST /api/suggestions/:id/unmerge': 'team',
  'GET /api/triage/awaiting': 'team',
  'GET /api/suggestions/:id/notes': 'teamOrModerator',
  'POST /api/suggestions/:id/notes': 'teamOrModerator',
  'GET /api/openapi.json': 'anyone',
  'GET /': 'anyone',
  'GET /a/:id': 'anyone',
  'GET /s/:id': 'anyone',
  'GET /roadmap': 'anyone',
  'GET /search': 'anyone',
  'GET /signin': 'anyone',
  'GET /me': 'anyone',
  'GET /moderation': 'anyone',
  'GET /triage': 'anyone',
};

/** Valid bodies where the ownership check comes after validation. */
const BODIES: Record<string, unknown> = {
  'PATCH /api/suggestions/:id': { title: 'Edited by the matrix' },
  'PATCH /api/replies/:id': { body: 'Edited by the matrix' },
};

let app: TestApp;
let people: Record<Exclude<RoleName, 'visitor'>, Person>;
let ids: { announcement: string; suggestion: string; reply: string; user: string };

beforeAll(async () => {
  app = await startApp();
  const [member, team, moderator, admin, author, target] = await Promise.all([
    createPerson(app),
    createPerson(app, { role: 'team' }),
    createPerson(app, { role: 'moderator' }),
    createPerson(app, { role: 'admin' }),
    createPerson(app),
    createPerson(app),
  ]);
  // Banned: the ban ends the session, so every signed-in route answers 401.
  const banned = await createPerson(app);
  const ban = await moderator.client.post(`/api/users/${banned.user.id}/ban`, { reason: 'matrix' });
  expect(ban.status).toBe(204);
  people = { member, team, moderator, admin, banned };
  const announcement = await createAnnouncement(team);
  const suggestion = await createSuggestion(author, announcement.id);
  const reply = await createReply(author, suggestion.id);
  ids = {
    announcement: announcement.id,
    suggestion: suggestion.id,
    reply: reply.id,
    user: target.user.id,
  };
});
afterAll(() => app.close());

/** Fills `:id` with a fixture of the kind the path names. */
function concrete(path: string): string {
  const kind = /\/(announcements|suggestions|replies|users|a|s)\/:id/.exec(path)?.[1];
  const id =
    kind === 'announcements' || kind === 'a'
      ? ids.announcement
      : kind === 'suggestions' || kind === 's'
        ? ids.suggestion
        : kind === 'replies'
          ? ids.reply
          : ids.user;
  return path.replace(':id', id);
}

describe('the authorization matrix', () => {
  it('has an entry for every route the app serves, and no stale ones', () => {
    const served = listRoutes(app.forum.app).map((r) => `${r.method} ${r.path}`);
    expect(
      served.filter((route) => !(route in ROUTES)),
      'routes without an entry',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((route) => !served.includes(route)),
      'entries without a route',
    ).toEqual([]);
  });

  // Logout last: it ends the session the other rows use.
  const rows = Object.entries(ROUTES).sort(
    ([a], [b]) => Number(a.includes('logout')) - Number(b.includes('logout')),
  );
  it.each(rows)('%s is for %s', async (route, access) => {
    const [method, path] = route.split(' ') as [string, string];
    for (const role of ROLES) {
      const client = role === 'visitor' ? new Client(app.url) : people[role].client;
      const unsafe = method !== 'GET';
      const res = await client.request(
        method,
        concrete(path),
        unsafe ? (BODIES[route] ?? {}) : undefined,
      );
      const expected = EXPECTED[access][role];
      if (expected === 'ok') expect([401, 403], `${route} as ${role}`).not.toContain(res.status);
      else expect(res.status, `${route} as ${role}`).toBe(expected);
    }
  });
});
