import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import { createAnnouncement, createPerson, createSuggestion } from '../helpers/factories.ts';

/** The value of one sample line (name and exact label set) in a Prometheus text body. */
function sample(
  body: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => have[key] === value)) {
      return Number(match[4]);
    }
  }
  return undefined;
}

describe('/metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  it('labels request durations by route pattern, never by the raw URL', async () => {
    const team = await createPerson(app, { role: 'team' });
    const fan = await createPerson(app);
    const announcement = await createAnnouncement(team);
    const suggestion = await createSuggestion(fan, announcement.id);
    const visitor = new Client(app.url);
    await visitor.get(`/api/suggestions/${suggestion.id}`);
    await visitor.get('/api/suggestions/999999999');
    expect((await fan.client.put(`/api/suggestions/${suggestion.id}/vote`)).status).toBe(200);

    const res = await visitor.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = String(res.body);
    const count = 'http_request_duration_seconds_count';
    const thread = { method: 'GET', route: '/api/suggestions/:id' };
    expect(sample(body, count, { ...thread, status: '200' })).toBeGreaterThanOrEqual(1);
    // A 404 thrown inside the router still carries its pattern.
    expect(sample(body, count, { ...thread, status: '404' })).toBeGreaterThanOrEqual(1);
    expect(body).not.toContain(`/api/suggestions/${suggestion.id}"`);
    expect(
      sample(body, count, { method: 'PUT', route: '/api/suggestions/:id/vote', status: '200' }),
    ).toBe(1);
  });

  it('reports votes, emitted events, sockets, the pool and event-loop lag', async () => {
    const body = String((await new Client(app.url).get('/metrics')).body);
    expect(
      sample(body, 'forum_votes_total', { target: 'suggestion', action: 'cast' }),
    ).toBeGreaterThanOrEqual(1);
    expect(body).toContain('forum_socket_events_emitted_total');
    expect(sample(body, 'forum_sockets_open')).toBe(0);
    expect(sample(body, 'forum_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'forum_db_pool_waiting')).toBe(0);
    expect(sample(body, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await startApp({ METRICS_TOKEN: token });
    try {
      const client = new Client(guarded.url);
      const without = await client.get('/metrics');
      expect(without.status).toBe(401);
      expect(without.body).toMatchObject({ error: { code: 'unauthorized' } });
      expect(
        (await client.get('/metrics', { headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      const ok = await client.get('/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(String(ok.body)).toContain('http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
