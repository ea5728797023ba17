import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '../helpers/client.ts';
import { adminUrl, createDatabase, dropDatabase } from '../helpers/database.ts';
import { PASSWORD, uniqueHandle } from '../helpers/factories.ts';
import { type ServerProcess, spawnServer } from '../helpers/server-process.ts';

const GRACE_MS = 8_000;

/**
 * A request whose body is sent in two halves: it is in flight for as long as
 * the test holds the second half back. Resolves with the status and body.
 */
function halfSentRequest(url: string, path: string, cookie: string, body: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk.toString();
  });
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
  });
  const sentHalf = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${bytes.length}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
      );
      socket.write(bytes.subarray(0, half), () => resolve());
    }),
  );
  return {
    sentHalf,
    finish: () => socket.write(bytes.subarray(half)),
    done,
  };
}

/** A GET on its own connection (Connection: close), and how much of the answer came. */
function rawGet(url: string, path: string) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; bytes: number; complete: boolean }>((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = Buffer.alloc(0);
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const text = answer.toString();
      const split = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? -1);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        bytes: answer.length,
        complete: split >= 0 && Buffer.byteLength(text.slice(split + 4)) === length,
      });
    });
  });
}

describe('graceful shutdown', () => {
  let server: ServerProcess | undefined;
  let database: { name: string; url: string } | undefined;
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    server?.kill();
    if (database) await dropDatabase(database.name);
  });

  it('finishes requests in flight, tells sockets to reconnect, closes the pool and exits 0', async () => {
    database = await createDatabase('forum_ops');
    server = await spawnServer({ DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const { url } = server;

    // The first account of a fresh database is its admin, who may announce.
    const admin = new Client(url);
    const handle = uniqueHandle('boss');
    await admin.post('/api/auth/register', {
      handle,
      email: `${handle}@example.test`,
      password: PASSWORD,
    });
    const created = await admin.post<{ announcement: { id: string } }>('/api/announcements', {
      title: 'Shutdown drill',
      body: 'Hold on',
    });
    const announcementId = created.body.announcement.id;

    // Live clients watching the announcement.
    const disconnects: { reason: string; active: boolean }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const socket = connectSocket(url, {
        transports: ['websocket'],
        reconnectionDelay: 60_000,
        reconnectionDelayMax: 60_000,
      });
      sockets.push(socket);
      socket.on('disconnect', (reason) => disconnects.push({ reason, active: socket.active }));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const ack = await socket.timeout(5_000).emitWithAck('subscribe', {
        room: `announcement:${announcementId}`,
      });
      expect(ack).toEqual({ ok: true });
    }

    // Requests in flight when the signal comes: writes with half their body sent.
    const path = `/api/announcements/${announcementId}/suggestions`;
    const slow = Array.from({ length: 4 }, (_, i) =>
      halfSentRequest(
        url,
        path,
        admin.cookie,
        JSON.stringify({ title: `Sent across the shutdown ${i}`, body: 'x'.repeat(2_000) }),
      ),
    );
    await Promise.all(slow.map((request) => request.sentHalf));
    // And a burst of reads, each on its own connection, started just before it.
    const burst = Array.from({ length: 20 }, () =>
      rawGet(url, `/api/announcements/${announcementId}/suggestions`),
    );
    await sleep(50);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await sleep(500);
    // No new connections are taken meanwhile.
    const late = await fetch(`${url}/healthz`).then(
      (res) => res.status,
      () => 'refused',
    );
    expect(late).toBe('refused');
    for (const request of slow) request.finish();

    const answers = await Promise.all(slow.map((request) => request.done));
    for (const answer of answers) {
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.body)).toMatchObject({ suggestion: { announcementId } });
    }
    // The burst was accepted before the signal: every read completes.
    // A read either completes, or its connection was still in the kernel's queue
    // when the listener closed and is reset before a byte was served; none is cut short.
    const reads = await Promise.all(burst);
    if (process.env.DEBUG_OPS) console.log(reads);
    for (const read of reads) {
      if (read.bytes > 0) expect(read).toMatchObject({ status: 200, complete: true });
    }
    expect(reads.some((read) => read.status === 200)).toBe(true);

    const code = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(GRACE_MS);
    expect(server.output()).toContain('"msg":"bye"');

    // Told to reconnect: a transport close, not an "io server disconnect" (which ends retries).
    expect(disconnects).toHaveLength(3);
    for (const disconnect of disconnects) {
      expect(disconnect.reason).not.toBe('io server disconnect');
      expect(disconnect.active).toBe(true);
    }

    // The pool was closed: no connection to the database is left behind.
    const admin2 = new pg.Client({ connectionString: adminUrl });
    await admin2.connect();
    try {
      let left = -1;
      for (let i = 0; i < 20 && left !== 0; i += 1) {
        const { rows } = await admin2.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [database.name],
        );
        left = rows[0]?.n ?? -1;
        if (left !== 0) await sleep(100);
      }
      expect(left).toBe(0);
    } finally {
      await admin2.end();
    }
  }, 60_000);
});
