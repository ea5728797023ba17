import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_LIMITS } from '../../server/realtime/subscriptions.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';
import {
  createAnnouncement,
  createPerson,
  createSuggestion,
  PASSWORD,
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
  unsubscribe,
  type Watcher,
} from './live.ts';

const ALLOWED = 'https://forum.example';
let app: TestApp;
let team: Person;
const watchers: Watcher[] = [];
const open = async (...args: Parameters<typeof connect>) => {
  const watcher = await connect(...args);
  watchers.push(watcher);
  return watcher;
};

beforeAll(async () => {
  app = await startApp({ ALLOWED_ORIGINS: ALLOWED });
  team = await createPerson(app, { role: 'team' });
});
afterEach(() => closeAll(watchers));
afterAll(() => app.close());

/** The sockets of a user as the server sees them (on this instance). */
const serverSocketsOf = (userId: string) => app.forum.io.in(`user:${userId}`).fetchSockets();

describe('the handshake', () => {
  it('refuses a foreign Origin, over websocket and over polling', async () => {
    for (const transports of [['websocket'], ['polling']]) {
      await expect(
        connect(app.url, undefined, {
          transports,
          extraHeaders: { origin: 'https://evil.example' },
        }),
      ).rejects.toThrow();
    }
    await expect(
      connect(app.url, undefined, { extraHeaders: { origin: 'null' } }),
    ).rejects.toThrow();
  });

  it('accepts our own origin, a listed one, and a client that sends none', async () => {
    await open(app.url, undefined, { extraHeaders: { origin: app.url } });
    await open(app.url, undefined, { extraHeaders: { origin: ALLOWED } });
    await open(app.url, undefined, { transports: ['polling'], extraHeaders: { origin: app.url } });
    const bare = await open(app.url);
    expect(bare.socket.connected).toBe(true);
  });

  it('knows the signed-in user from the session cookie; a visitor is anonymous', async () => {
    const member = await createPerson(app);
    const signedIn = await open(app.url, member.client);
    await open(app.url);
    const sockets = await serverSocketsOf(member.user.id);
    expect(sockets.map((s) => s.id)).toEqual([signedIn.socket.id]);
    expect(sockets[0]?.data).toMatchObject({ userId: member.user.id, role: 'member' });
  });
});

describe('subscribe and unsubscribe', () => {
  it('answers an error for a bogus room, and the socket keeps working', async () => {
    const announcement = await createAnnouncement(team);
    const watcher = await open(app.url);
    const code = async (room: unknown) => {
      const answer = await subscribe(watcher, room);
      return 'error' in answer ? answer.error.code : 'ok';
    };
    expect(await code('announcement:999999999')).toBe('not_found');
    expect(await code('suggestion:999999999')).toBe('not_found');
    for (const bogus of [
      'lobby',
      'user:1',
      'announcement:',
      'announcement:01',
      'announcement:-1',
      'announcement:1e3',
      `announcement:${'9'.repeat(19)}`,
      'announcement:1 ',
      'ANNOUNCEMENT:1',
      42,
      null,
      { toString: 'announcement:1' },
    ]) {
      expect(await code(bogus), JSON.stringify(bogus)).toBe('invalid_room');
    }
    // Payloads that are not objects, and messages without an ack, are ignored safely.
    const raw = watcher.socket as unknown as {
      emit(event: string, ...args: unknown[]): void;
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    };
    raw.emit('subscribe', 'announcement:1');
    raw.emit('subscribe');
    raw.emit('no-such-event', { room: 'x' });
    expect(await raw.timeout(5_000).emitWithAck('subscribe', 'just a string')).toMatchObject({
      error: { code: 'invalid_room' },
    });
    expect(await raw.timeout(5_000).emitWithAck('unsubscribe', ['x'])).toMatchObject({
      error: { code: 'invalid_room' },
    });

    expect(await subscribe(watcher, `announcement:${announcement.id}`)).toEqual({ ok: true });
    expect(await subscribe(watcher, `announcement:${announcement.id}`)).toEqual({ ok: true });
    expect(await unsubscribe(watcher, `announcement:${announcement.id}`)).toEqual({ ok: true });
    expect(watcher.socket.connected).toBe(true);
  });

  it("a hidden suggestion's room is for its author and moderators; others and a demoted moderator leave it", async () => {
    const [author, stranger, moderator, admin] = await Promise.all([
      createPerson(app),
      createPerson(app),
      createPerson(app, { role: 'moderator' }),
      createPerson(app, { role: 'admin' }),
    ]);
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(author, announcement.id);
    const room = `suggestion:${idea.id}`;
    const earlyVisitor = await open(app.url);
    const earlyAuthor = await open(app.url, author.client);
    expect(await subscribe(earlyVisitor, room)).toEqual({ ok: true });
    expect(await subscribe(earlyAuthor, room)).toEqual({ ok: true });
    await app.database.db
      .updateTable('suggestions')
      .set({ hidden_at: new Date(), hidden_reason: 'spam' })
      .where('id', '=', idea.id)
      .execute();
    // What the hide action calls after its commit: who may no longer watch, leaves.
    await app.forum.realtime.recheckRoom(room);
    const inRoom = new Set((await app.forum.io.in(room).fetchSockets()).map((s) => s.id));
    expect(inRoom.has(earlyVisitor.socket.id ?? '')).toBe(false);
    expect(inRoom.has(earlyAuthor.socket.id ?? '')).toBe(true);
    const answer = async (who?: Person) => subscribe(await open(app.url, who?.client), room);
    expect(await answer()).toMatchObject({ error: { code: 'not_found' } });
    expect(await answer(stranger)).toMatchObject({ error: { code: 'not_found' } });
    expect(await answer(author)).toEqual({ ok: true });
    expect(await answer(moderator)).toEqual({ ok: true });
    // The announcement itself stays public.
    expect(await subscribe(await open(app.url), `announcement:${announcement.id}`)).toEqual({
      ok: true,
    });

    const demoted = await admin.client.patch(`/api/users/${moderator.user.id}/role`, {
      role: 'member',
    });
    expect(demoted.status).toBe(200);
    await eventually(async () => {
      const [socket] = await serverSocketsOf(moderator.user.id);
      expect(socket?.rooms.has(room)).toBe(false);
    });
  });

  it('an unsubscribed socket hears no more from the room', async () => {
    const announcement = await createAnnouncement(team);
    const fan = await createPerson(app);
    const leaver = await open(app.url);
    const stayer = await open(app.url);
    for (const w of [leaver, stayer]) await subscribe(w, `announcement:${announcement.id}`);
    await unsubscribe(leaver, `announcement:${announcement.id}`);
    const idea = await createSuggestion(fan, announcement.id);
    await received(stayer, 'suggestion:created', (s) => s.id === idea.id);
    // The two sockets share one server; an event for the leaver would have come first.
    const other = await createAnnouncement(team);
    await subscribe(leaver, `announcement:${other.id}`);
    const marker = await createSuggestion(fan, other.id);
    await received(leaver, 'suggestion:created', (s) => s.id === marker.id);
    expect(leaver.of('suggestion:created').map((s) => s.id)).toEqual([marker.id]);
  });

  it(`caps the rooms one socket may watch at ${SOCKET_LIMITS.roomsPerSocket}`, async () => {
    const fan = await createPerson(app);
    const announcement = await createAnnouncement(team);
    const ideas = await Promise.all(
      Array.from({ length: SOCKET_LIMITS.roomsPerSocket }, () =>
        createSuggestion(fan, announcement.id),
      ),
    );
    const watcher = await open(app.url);
    const answers = await Promise.all(
      ideas.map((idea) => subscribe(watcher, `suggestion:${idea.id}`)),
    );
    expect(answers.every((a) => 'ok' in a)).toBe(true);
    expect(await subscribe(watcher, `announcement:${announcement.id}`)).toMatchObject({
      error: { code: 'too_many_rooms' },
    });
    await unsubscribe(watcher, `suggestion:${ideas[0]?.id}`);
    expect(await subscribe(watcher, `announcement:${announcement.id}`)).toEqual({ ok: true });
  });

  it('refuses events past the per-socket budget, and closes a socket that floods', async () => {
    const announcement = await createAnnouncement(team);
    const room = `announcement:${announcement.id}`;
    const watcher = await open(app.url);
    const burst = SOCKET_LIMITS.eventBurst + 20;
    const answers = await Promise.all(
      Array.from({ length: burst }, () => subscribe(watcher, room)),
    );
    const limited = answers.filter((a) => 'error' in a && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((a) => 'ok' in a).length).toBeGreaterThanOrEqual(
      SOCKET_LIMITS.eventBurst,
    );
    expect(watcher.socket.connected).toBe(true);

    const gone = disconnected(watcher);
    for (let i = 0; i < SOCKET_LIMITS.refusalsBeforeClose * 2; i++) {
      watcher.socket.emit('unsubscribe', { room }, () => {});
    }
    expect(await gone).toBe('io server disconnect');
  });
});

describe('presence', () => {
  it('tells a room how many sockets watch it, as they come and go', async () => {
    const announcement = await createAnnouncement(team);
    const room = `announcement:${announcement.id}`;
    const first = await open(app.url);
    const second = await open(app.url);
    const third = await open(app.url);
    for (const w of [first, second, third]) expect(await subscribe(w, room)).toEqual({ ok: true });
    await eventually(() => expect(lastPresence(first, room)).toBe(3));
    await eventually(() => expect(lastPresence(third, room)).toBe(3));

    await unsubscribe(second, room);
    third.socket.close();
    await eventually(() => expect(lastPresence(first, room)).toBe(1));
    expect(second.of('presence').at(-1)).toEqual({ room, count: 3 });
  });

  it('is throttled: twenty sockets joining in quick succession produce a few counts, not twenty', async () => {
    const announcement = await createAnnouncement(team);
    const room = `announcement:${announcement.id}`;
    const crowd = await Promise.all(Array.from({ length: 20 }, () => open(app.url)));
    // One after another, so that an unthrottled count would go out once per join.
    for (const w of crowd) await subscribe(w, room);
    const [first] = crowd as [Watcher];
    await eventually(() => expect(lastPresence(first, room)).toBe(20));
    for (const w of crowd.slice(10)) w.socket.close();
    await eventually(() => expect(lastPresence(first, room)).toBe(10));
    // One count per interval (plus a settle check), where one per join and leave would be 30.
    expect(first.of('presence').length).toBeLessThan(10);
  });
});

describe('sessions and sockets', () => {
  it("logout closes that session's sockets and no others", async () => {
    const member = await createPerson(app);
    const otherDevice = new Client(app.url);
    const login = await otherDevice.post('/api/auth/login', {
      login: member.user.handle,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const tab1 = await open(app.url, member.client);
    const tab2 = await open(app.url, member.client);
    const phone = await open(app.url, otherDevice);
    const visitor = await open(app.url);

    const closed = Promise.all([disconnected(tab1), disconnected(tab2)]);
    expect((await member.client.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);

    expect(phone.socket.connected).toBe(true);
    expect(visitor.socket.connected).toBe(true);
    expect((await serverSocketsOf(member.user.id)).map((s) => s.id)).toEqual([phone.socket.id]);
  });

  it('a socket reconnecting with an ended session is a visitor', async () => {
    const member = await createPerson(app);
    const stale = member.client.cookie;
    await member.client.post('/api/auth/logout');
    const replay = new Client(app.url);
    replay.cookie = stale;
    await open(app.url, replay);
    expect(await serverSocketsOf(member.user.id)).toEqual([]);
  });

  it("a ban closes the user's sockets; reconnecting with the old cookie gives a visitor", async () => {
    const member = await createPerson(app);
    const socket = await open(app.url, member.client);
    const gone = disconnected(socket);
    // What the ban endpoint does: mark, end every session, then refresh the sockets.
    await app.database.db
      .updateTable('users')
      .set({ banned_at: new Date() })
      .where('id', '=', member.user.id)
      .execute();
    await app.forum.sessions.destroyAllFor(member.user.id);
    await app.forum.realtime.refreshUser(member.user.id);
    expect(await gone).toBe('io server disconnect');

    await open(app.url, member.client);
    expect(await serverSocketsOf(member.user.id)).toEqual([]);
  });

  it('a role change applies to the open sockets at once', async () => {
    const admin = await createPerson(app, { role: 'admin' });
    const member = await createPerson(app);
    await open(app.url, member.client);
    await open(app.url, member.client);
    const res = await admin.client.patch(`/api/users/${member.user.id}/role`, {
      role: 'moderator',
    });
    expect(res.status).toBe(200);
    const sockets = await serverSocketsOf(member.user.id);
    expect(sockets).toHaveLength(2);
    expect(sockets.map((s) => s.data.role)).toEqual(['moderator', 'moderator']);
  });
});
