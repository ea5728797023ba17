/**
 * The baselines: bare node:http serving pre-serialized bytes (POST
 * /bytes/<name> stores them, GET /bytes/<name> sends them), and a bare
 * socket.io server on the same port whose clients join a room with the same
 * `subscribe` event and receive what POST /emit/<room> broadcasts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const blobs = new Map<string, { body: Buffer; etag: string }>();

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.startsWith('/bytes/')) {
    const blob = blobs.get(url.slice(7));
    if (!blob) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': blob.body.length,
      ETag: blob.etag,
    });
    res.end(blob.body);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.method === 'POST' && url.startsWith('/bytes/')) {
      blobs.set(url.slice(7), { body, etag: `"${body.length}"` });
      res.end('{}');
    } else if (req.method === 'POST' && url.startsWith('/emit/')) {
      const [event, payload] = JSON.parse(body.toString()) as [string, unknown];
      io.to(decodeURIComponent(url.slice(6))).emit(event, payload);
      res.end('{}');
    } else if (url === '/bench/memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i += 1) gc?.();
      const usage = process.memoryUsage();
      res.end(
        JSON.stringify({
          heapUsed: usage.heapUsed,
          rss: usage.rss,
          sockets: io.of('/').sockets.size,
        }),
      );
    } else {
      res.writeHead(404).end();
    }
  });
});

// The same options as the app's (server/realtime/io.ts) that bear on cost.
const io = new Server(server, {
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 8192,
});
io.on('connection', (socket) => {
  socket.on('subscribe', (payload: { room?: unknown }, ack?: (answer: unknown) => void) => {
    if (typeof payload?.room === 'string') void socket.join(payload.room);
    ack?.({ ok: true });
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`LISTENING ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
