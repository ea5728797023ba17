import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';

interface Raw {
  socket: Socket;
  /** What the server sent back. */
  received(): string;
  closed: Promise<void>;
}

/** A raw TCP client that writes what `behave` tells it to, and records the answer. */
function raw(url: string, behave: (socket: Socket) => void): Raw {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  socket.once('connect', () => behave(socket));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => answer, closed };
}

/** The normal client: it must be answered while the others misbehave. */
async function normalVisitAnswers(app: TestApp, fan: Person, suggestionId: string) {
  const visitor = new Client(app.url);
  expect((await visitor.get('/healthz')).status).toBe(200);
  expect((await visitor.get(`/api/suggestions/${suggestionId}`)).status).toBe(200);
  const reply = await fan.client.post(`/api/suggestions/${suggestionId}/replies`, {
    body: 'Still here',
  });
  expect(reply.status).toBe(201);
}

describe('slow and broken clients', () => {
  let app: TestApp;
  let fan: Person;
  let suggestionId: string;
  const opened: Raw[] = [];

  beforeAll(async () => {
    app = await startApp();
    // Short limits for the test; the defaults (20 s for headers, 30 s in all) work the same way.
    app.forum.httpServer.headersTimeout = 1_000;
    app.forum.httpServer.requestTimeout = 2_000;
    const team = await createPerson(app, { role: 'team' });
    fan = await createPerson(app);
    const announcement = await createAnnouncement(team);
    const suggestion = await createSuggestion(fan, announcement.id, { body: 'x'.repeat(10_000) });
    suggestionId = suggestion.id;
    for (let i = 0; i < 20; i += 1) {
      await createReply(fan, suggestionId, { body: `A long reply ${i} ${'y'.repeat(5_000)}` });
    }
  });
  afterAll(async () => {
    for (const client of opened) client.socket.destroy();
    await app?.close();
  });

  it('times out headers sent a byte at a time (slowloris) with a 408, serving others meanwhile', async () => {
    const slow = Array.from({ length: 50 }, () =>
      raw(app.url, (socket) => {
        socket.write('GET /api/announcements HTTP/1.1\r\nHost: forum\r\n');
        const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
        socket.once('close', () => clearInterval(drip));
      }),
    );
    opened.push(...slow);
    await sleep(300);
    await normalVisitAnswers(app, fan, suggestionId);
    await Promise.race([Promise.all(slow.map((client) => client.closed)), sleep(15_000)]);
    for (const client of slow) {
      expect(client.socket.destroyed).toBe(true);
      expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    }
  });

  it('times out a body that never completes', async () => {
    const stuck = Array.from({ length: 20 }, () =>
      raw(app.url, (socket) => {
        socket.write(
          `POST /api/suggestions/${suggestionId}/replies HTTP/1.1\r\nHost: forum\r\n` +
            `Cookie: ${fan.client.cookie}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"body":"`,
        );
      }),
    );
    opened.push(...stuck);
    await sleep(300);
    await normalVisitAnswers(app, fan, suggestionId);
    await Promise.race([Promise.all(stuck.map((client) => client.closed)), sleep(15_000)]);
    for (const client of stuck) expect(client.socket.destroyed).toBe(true);
  });

  it('stays responsive beside a client that pipelines requests and never reads', async () => {
    const request = `GET /api/suggestions/${suggestionId} HTTP/1.1\r\nHost: forum\r\n\r\n`;
    const hog = raw(app.url, (socket) => {
      socket.pause();
      socket.write(request.repeat(500));
    });
    opened.push(hog);
    await sleep(1_000);
    await normalVisitAnswers(app, fan, suggestionId);
    // Nothing was read, so the server has had to stop writing to it.
    expect(hog.received()).toBe('');
    expect(hog.socket.bytesWritten).toBeGreaterThan(0);
    hog.socket.destroy();
  });

  it('stays responsive under a flood of idle connections, and lets them go', async () => {
    const flood = Array.from({ length: 400 }, () => raw(app.url, () => {}));
    opened.push(...flood);
    await Promise.all(
      flood.map(
        (client) => new Promise<void>((resolve) => client.socket.once('connect', () => resolve())),
      ),
    );
    await normalVisitAnswers(app, fan, suggestionId);
    // Connections that never send a request are closed by the header timeout.
    await Promise.race([Promise.all(flood.map((client) => client.closed)), sleep(15_000)]);
    expect(flood.filter((client) => !client.socket.destroyed)).toHaveLength(0);
    await normalVisitAnswers(app, fan, suggestionId);
  });
});
