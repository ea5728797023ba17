import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import {
  closeAll,
  connect,
  disconnected,
  eventually,
  lastPresence,
  received,
  subscribe,
  type Watcher,
} from './live.ts';

/** Two instances share the run's database and one Redis, under a prefix of their own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `forum-test:${process.pid}:${Date.now().toString(36)}`;

let one: TestApp;
let two: TestApp;
let team: Person;
const watchers: Watcher[] = [];
const open = async (...args: Parameters<typeof connect>) => {
  const watcher = await connect(...args);
  watchers.push(watcher);
  return watcher;
};

beforeAll(async () => {
  const env = { REDIS_URL, REDIS_KEY_PREFIX: PREFIX };
  try {
    [one, two] = await Promise.all([startApp(env), startApp(env)]);
  } catch (err) {
    throw new Error(`These tests need Redis at ${REDIS_URL} (set TEST_REDIS_URL): ${err}`);
  }
  team = await createPerson(one, { role: 'team' });
});
afterEach(() => closeAll(watchers));
afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${PREFIX}:*`, COUNT: 100 })) {
    if (keys.length > 0) await redis.del(keys);
  }
  await redis.close();
});

describe('two instances behind one Redis', () => {
  it('a vote on instance 1 reaches a socket on instance 2, and presence counts both', async () => {
    const fan = await createPerson(one);
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const room = `suggestion:${idea.id}`;
    const onOne = await open(one.url);
    const onTwo = await open(two.url);
    expect(await subscribe(onOne, room)).toEqual({ ok: true });
    expect(await subscribe(onTwo, room)).toEqual({ ok: true });

    await eventually(() => expect(lastPresence(onTwo, room)).toBe(2), 15_000);
    await eventually(() => expect(lastPresence(onOne, room)).toBe(2), 15_000);

    expect((await fan.client.put(`/api/suggestions/${idea.id}/vote`)).status).toBe(200);
    await received(onTwo, 'suggestion:votes', (v) => v.id === idea.id && v.voteCount === 1);
    await received(onOne, 'suggestion:votes', (v) => v.id === idea.id && v.voteCount === 1);
    // One event per socket, not one per instance.
    const other = await createSuggestion(fan, announcement.id);
    await subscribe(onTwo, `announcement:${announcement.id}`);
    const marker = await createSuggestion(fan, announcement.id);
    await received(onTwo, 'suggestion:created', (s) => s.id === marker.id);
    expect(onTwo.of('suggestion:votes')).toHaveLength(1);
    expect(onTwo.of('suggestion:created').map((s) => s.id)).not.toContain(other.id);

    // A socket leaving on instance 1 is counted out on instance 2.
    const third = await open(one.url);
    await subscribe(third, room);
    await eventually(() => expect(lastPresence(onTwo, room)).toBe(3), 15_000);
    third.socket.close();
    await eventually(() => expect(lastPresence(onTwo, room)).toBe(2), 15_000);
  });

  // Registering the voters is argon2 work: a generous timeout for a loaded machine.
  it('a burst of votes spread over both instances ends at the exact count everywhere', async () => {
    const fan = await createPerson(one);
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const room = `suggestion:${idea.id}`;
    const voters = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createPerson(i % 2 ? two : one)),
    );
    const onOne = await open(one.url);
    const onTwo = await open(two.url);
    await subscribe(onOne, room);
    await subscribe(onTwo, room);
    await eventually(() => expect(lastPresence(onTwo, room)).toBe(2), 15_000);

    await Promise.all(voters.map((v) => v.client.put(`/api/suggestions/${idea.id}/vote`)));
    for (const w of [onOne, onTwo]) {
      await received(w, 'suggestion:votes', (v) => v.voteCount === 30);
    }
    // Let both instances' settle checks run, then the last word must be the final count.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(onOne.of('suggestion:votes').at(-1)?.voteCount).toBe(30);
    expect(onTwo.of('suggestion:votes').at(-1)?.voteCount).toBe(30);
  }, 120_000);

  it('logout on instance 1 closes the session’s socket on instance 2', async () => {
    const member = await createPerson(one);
    const socket = await open(two.url, member.client);
    const gone = disconnected(socket);
    expect((await member.client.post('/api/auth/logout')).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it('a ban and a role change made on instance 1 reach the sockets on instance 2', async () => {
    const admin = await createPerson(one, { role: 'admin' });
    const member = await createPerson(one);
    const socket = await open(two.url, member.client);

    const res = await admin.client.patch(`/api/users/${member.user.id}/role`, { role: 'team' });
    expect(res.status).toBe(200);
    await eventually(async () => {
      const [server] = await two.forum.io.in(`user:${member.user.id}`).local.fetchSockets();
      expect(server?.data.role).toBe('team');
    });

    const gone = disconnected(socket);
    await one.database.db
      .updateTable('users')
      .set({ banned_at: new Date() })
      .where('id', '=', member.user.id)
      .execute();
    await one.forum.sessions.destroyAllFor(member.user.id);
    await one.forum.realtime.refreshUser(member.user.id);
    expect(await gone).toBe('io server disconnect');
  });

  it('hiding a suggestion on instance 1 sends its visitors on instance 2 out of the room', async () => {
    const author = await createPerson(one);
    const idea = await createSuggestion(author, (await createAnnouncement(team)).id);
    const room = `suggestion:${idea.id}`;
    const visitor = await open(two.url);
    const own = await open(two.url, author.client);
    expect(await subscribe(visitor, room)).toEqual({ ok: true });
    expect(await subscribe(own, room)).toEqual({ ok: true });
    await one.database.db
      .updateTable('suggestions')
      .set({ hidden_at: new Date() })
      .where('id', '=', idea.id)
      .execute();
    await one.forum.realtime.recheckRoom(room);
    await eventually(async () => {
      const ids = (await two.forum.io.in(room).local.fetchSockets()).map((s) => s.id);
      expect(ids).toEqual([own.socket.id]);
    });
  });

  it('a socket dropped from instance 2 recovers its missed events on instance 1', async () => {
    const fan = await createPerson(one);
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const room = `suggestion:${idea.id}`;
    const witness = await open(one.url);
    const reader = await open(two.url);
    await subscribe(witness, room);
    await subscribe(reader, room);
    await received(reader, 'presence', (p) => p.room === room);

    const oldId = reader.socket.id ?? '';
    const gone = disconnected(reader);
    reader.socket.io.engine.close();
    await gone;
    await eventually(() => expect(two.forum.io.sockets.sockets.has(oldId)).toBe(false));
    await fan.client.put(`/api/suggestions/${idea.id}/vote`);
    await received(witness, 'suggestion:votes', (v) => v.voteCount === 1);

    // What a load balancer does after a restart: the reconnect lands on another instance.
    (reader.socket.io as unknown as { uri: string }).uri = one.url;
    await new Promise<void>((resolve, reject) => {
      reader.socket.once('connect', () => resolve());
      reader.socket.once('connect_error', reject);
      reader.socket.connect();
    });
    expect(reader.socket.recovered).toBe(true);
    expect(one.forum.io.sockets.sockets.has(oldId)).toBe(true);
    await received(reader, 'suggestion:votes', (v) => v.id === idea.id && v.voteCount === 1);
  });
});
