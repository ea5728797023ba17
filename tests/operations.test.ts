import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import { createAnnouncement, createPerson, PASSWORD, uniqueHandle } from './helpers/factories.ts';

/** A TCP port that accepts connections and never answers: a database that hangs. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, sockets };
}

describe('health', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('answers /healthz and /readyz when the database is there', async () => {
    app = await startApp();
    const visitor = new Client(app.url);
    expect((await visitor.get('/healthz')).status).toBe(200);
    expect((await visitor.get('/readyz')).body).toEqual({ ok: true, engine: 'postgres' });
  });

  it('answers 503 in the error shape when the database hangs, instead of hanging too', async () => {
    const silent = await silentServer();
    const broken = await startApp({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${silent.port}/nothing`,
    });
    try {
      const visitor = new Client(broken.url);
      expect((await visitor.get('/healthz')).status).toBe(200);
      const ready = await visitor.get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ error: { code: 'unavailable' } });
      const list = await visitor.get('/api/announcements');
      expect(list.status).toBe(503);
      expect(list.headers.get('retry-after')).toBeTruthy();
    } finally {
      for (const socket of silent.sockets) socket.destroy();
      await broken.close();
      silent.server.close();
    }
  });
});

describe('rate limits', () => {
  it('limits writes per member per minute with 429 and Retry-After', async () => {
    const app = await startApp({ WRITES_PER_MINUTE: '2' });
    try {
      const team = await createPerson(app, { role: 'team' });
      const fan = await createPerson(app);
      const announcement = await createAnnouncement(team);
      const post = () =>
        fan.client.post(`/api/announcements/${announcement.id}/suggestions`, {
          title: 'Idea',
          body: 'b',
        });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const third = await post();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another member is not affected.
      const other = await createPerson(app);
      expect(
        (
          await other.client.post(`/api/announcements/${announcement.id}/suggestions`, {
            title: 'Mine',
            body: 'b',
          })
        ).status,
      ).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('limits registrations per address', async () => {
    const app = await startApp({ REGISTRATIONS_PER_HOUR: '2' });
    try {
      const register = () => {
        const handle = uniqueHandle('r');
        return new Client(app.url).post('/api/auth/register', {
          handle,
          email: `${handle}@example.test`,
          password: PASSWORD,
        });
      };
      expect((await register()).status).toBe(201);
      expect((await register()).status).toBe(201);
      expect((await register()).status).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('shutdown', () => {
  it('SIGTERM closes the server and the database and exits 0', async () => {
    const child = spawn(process.execPath, ['server/main.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: inject('databaseUrl'),
        SESSION_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"port":(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    expect((await new Client(`http://127.0.0.1:${port}`).get('/readyz')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('bye');
  });
});
