import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionView } from '../../server/contracts.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
} from '../helpers/factories.ts';
import {
  closeAll,
  connect,
  disconnected,
  eventually,
  received,
  sleep,
  subscribe,
  type Watcher,
} from './live.ts';

const SHORT_WINDOW_MS = 400;
let app: TestApp;
/** The same database, with a recovery window too short to come back within. */
let forgetful: TestApp;
const watchers: Watcher[] = [];
const open = async (...args: Parameters<typeof connect>) => {
  const watcher = await connect(...args);
  watchers.push(watcher);
  return watcher;
};

beforeAll(async () => {
  [app, forgetful] = await Promise.all([
    startApp(),
    startApp({ SOCKET_RECOVERY_MS: String(SHORT_WINDOW_MS) }),
  ]);
});
afterEach(() => closeAll(watchers));
afterAll(() => Promise.all([app.close(), forgetful.close()]));

interface Scene {
  fan: Person;
  idea: SuggestionView;
  room: string;
  /** Another socket in the room: when it has an event, the server has sent it. */
  witness: Watcher;
}

async function scene(on: TestApp): Promise<Scene> {
  const [team, fan] = await Promise.all([createPerson(on, { role: 'team' }), createPerson(on)]);
  const announcement = await createAnnouncement(team);
  const idea = await createSuggestion(fan, announcement.id);
  const room = `suggestion:${idea.id}`;
  const witness = await open(on.url);
  expect(await subscribe(witness, room)).toEqual({ ok: true });
  return { fan, idea, room, witness };
}

/**
 * Drops the connection the way a network does (the transport closes, nobody
 * says goodbye) and waits until the server has noticed.
 */
async function drop(on: TestApp, watcher: Watcher): Promise<string> {
  const id = watcher.socket.id ?? '';
  const gone = disconnected(watcher);
  watcher.socket.io.engine.close();
  await gone;
  await eventually(() => expect(on.forum.io.sockets.sockets.has(id)).toBe(false));
  return id;
}

function reconnect(watcher: Watcher): Promise<void> {
  return new Promise((resolve, reject) => {
    watcher.socket.once('connect', () => resolve());
    watcher.socket.once('connect_error', reject);
    watcher.socket.connect();
  });
}

describe('connection-state recovery', () => {
  it('a socket that drops and comes back within the window gets the events it missed', async () => {
    const { fan, idea, room, witness } = await scene(app);
    const reader = await open(app.url);
    expect(await subscribe(reader, room)).toEqual({ ok: true });
    // A socket can be recovered from its last event on; presence gives it a first one.
    await received(reader, 'presence', (p) => p.room === room);
    const oldId = await drop(app, reader);

    const reply = await createReply(fan, idea.id, { body: 'Missed this?' });
    await fan.client.put(`/api/suggestions/${idea.id}/vote`);
    await received(witness, 'reply:created', (r) => r.id === reply.id);
    await received(witness, 'suggestion:votes', (v) => v.voteCount === 1);

    await reconnect(reader);
    expect(reader.socket.recovered).toBe(true);
    expect(reader.socket.id).toBe(oldId);
    await received(reader, 'reply:created', (r) => r.id === reply.id);
    await received(reader, 'suggestion:votes', (v) => v.id === idea.id && v.voteCount === 1);

    // Its rooms came back with it: new events arrive without subscribing again.
    const next = await createReply(fan, idea.id, { body: 'And this one live' });
    await received(reader, 'reply:created', (r) => r.id === next.id);
  });

  it('past the window the socket is not recovered; a refetch over HTTP gives the right state', async () => {
    const { fan, idea, room, witness } = await scene(forgetful);
    const reader = await open(forgetful.url);
    expect(await subscribe(reader, room)).toEqual({ ok: true });
    await received(reader, 'presence', (p) => p.room === room);
    await drop(forgetful, reader);

    await fan.client.put(`/api/suggestions/${idea.id}/vote`);
    await received(witness, 'suggestion:votes', (v) => v.voteCount === 1);
    await sleep(SHORT_WINDOW_MS * 2);

    await reconnect(reader);
    expect(reader.socket.recovered).toBe(false);
    expect(reader.of('suggestion:votes')).toEqual([]);
    // What the browser client does then: join its rooms again and refetch what it shows.
    expect(await subscribe(reader, room)).toEqual({ ok: true });
    const refetched = await fan.client.get<{ suggestion: SuggestionView }>(
      `/api/suggestions/${idea.id}`,
    );
    expect(refetched.body.suggestion.voteCount).toBe(1);
    const voter = await createPerson(forgetful);
    await voter.client.put(`/api/suggestions/${idea.id}/vote`);
    await received(reader, 'suggestion:votes', (v) => v.voteCount === 2);
  });

  it('a socket that never had an event cannot be recovered (and so refetches)', async () => {
    const reader = await open(app.url);
    await drop(app, reader);
    await reconnect(reader);
    expect(reader.socket.recovered).toBe(false);
  });

  it('a recovered socket whose session ended meanwhile comes back as a visitor', async () => {
    const member = await createPerson(app);
    const { room } = await scene(app);
    const reader = await open(app.url, member.client);
    expect(await subscribe(reader, room)).toEqual({ ok: true });
    await received(reader, 'presence', (p) => p.room === room);
    await drop(app, reader);
    // Logged out elsewhere while this socket was away (its reconnect sends the old cookie).
    const cookie = member.client.cookie;
    expect((await member.client.post('/api/auth/logout')).status).toBe(204);
    reader.socket.io.opts.extraHeaders = { cookie };

    await reconnect(reader);
    expect(reader.socket.recovered).toBe(true);
    expect(await app.forum.io.in(`user:${member.user.id}`).fetchSockets()).toEqual([]);
    const [server] = await app.forum.io.in(reader.socket.id ?? '').fetchSockets();
    expect(server?.data).toEqual({});
    expect(server?.rooms.has(room)).toBe(true);
    app.forum.broadcast.notification(member.user.id, { text: 'not for a visitor' });
    // A notification would come before this event, had the socket kept its user room.
    const marker = await createPerson(app);
    const announcement = await createAnnouncement(await createPerson(app, { role: 'team' }));
    await subscribe(reader, `announcement:${announcement.id}`);
    const idea = await createSuggestion(marker, announcement.id);
    await received(reader, 'suggestion:created', (s) => s.id === idea.id);
    expect(reader.of('notification')).toEqual([]);
  });
});
