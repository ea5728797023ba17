import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VOTE_WINDOW_MS } from '../../server/realtime/broadcast.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import {
  createAnnouncement,
  createPerson,
  createReply,
  createSuggestion,
  type Person,
  uniqueHandle,
} from '../helpers/factories.ts';
import { closeAll, connect, received, sleep, subscribe, type Watcher } from './live.ts';

let app: TestApp;
let team: Person;
let fan: Person;
const watchers: Watcher[] = [];
const open = async (...args: Parameters<typeof connect>) => {
  const watcher = await connect(...args);
  watchers.push(watcher);
  return watcher;
};

beforeAll(async () => {
  app = await startApp();
  [team, fan] = await Promise.all([createPerson(app, { role: 'team' }), createPerson(app)]);
});
afterEach(() => closeAll(watchers));
afterAll(() => app.close());

const names = (watcher: Watcher) => watcher.events.map((e) => e.event);
const notPresence = (watcher: Watcher) => names(watcher).filter((name) => name !== 'presence');

describe('two clients: A acts over HTTP, B watches', () => {
  it('B receives each event in the rooms it joined, and a watcher elsewhere receives none', async () => {
    const [here, elsewhere] = await Promise.all([
      createAnnouncement(team),
      createAnnouncement(team),
    ]);
    const idea = await createSuggestion(fan, here.id);

    const b = await open(app.url); // anonymous: public rooms are for everyone
    const listOnly = await open(app.url);
    const other = await open(app.url);
    expect(await subscribe(b, `announcement:${here.id}`)).toEqual({ ok: true });
    expect(await subscribe(b, `suggestion:${idea.id}`)).toEqual({ ok: true });
    expect(await subscribe(listOnly, `announcement:${here.id}`)).toEqual({ ok: true });
    expect(await subscribe(other, `announcement:${elsewhere.id}`)).toEqual({ ok: true });

    // A new suggestion goes to its announcement's room.
    const second = await createSuggestion(fan, here.id, { title: 'Night mode for the camera' });
    const created = await received(b, 'suggestion:created', (s) => s.id === second.id);
    expect(created).toMatchObject({
      id: second.id,
      announcementId: here.id,
      title: 'Night mode for the camera',
      voteCount: 0,
    });
    expect(created).not.toHaveProperty('viewerHasVoted');
    await received(listOnly, 'suggestion:created', (s) => s.id === second.id);

    // A reply goes to the suggestion's room; the announcement's room hears the new reply count.
    const reply = await createReply(fan, idea.id, { body: 'Yes, **please**' });
    const replied = await received(b, 'reply:created', (r) => r.id === reply.id);
    expect(replied).toMatchObject({ suggestionId: idea.id, parentId: null, depth: 0 });
    expect(replied).not.toHaveProperty('viewerVote');
    await received(listOnly, 'suggestion:updated', (s) => s.id === idea.id && s.replyCount === 1);

    // A vote: one event per socket even though B is in both rooms, with the absolute count.
    expect((await fan.client.put(`/api/suggestions/${idea.id}/vote`)).status).toBe(200);
    await received(b, 'suggestion:votes', (v) => v.id === idea.id && v.voteCount === 1);
    await received(listOnly, 'suggestion:votes', (v) => v.id === idea.id && v.voteCount === 1);

    // An edit goes to both rooms, without per-viewer fields.
    const edit = await fan.client.patch(`/api/suggestions/${idea.id}`, { title: 'Sharper zoom' });
    expect(edit.status).toBe(200);
    const updated = await received(b, 'suggestion:updated', (s) => s.title === 'Sharper zoom');
    expect(updated).not.toHaveProperty('viewerHasVoted');
    await received(listOnly, 'suggestion:updated', (s) => s.title === 'Sharper zoom');

    // A reply vote goes to the suggestion's room.
    expect((await team.client.put(`/api/replies/${reply.id}/vote`, { value: 1 })).status).toBe(200);
    expect(await received(b, 'reply:votes', (v) => v.id === reply.id)).toEqual({
      id: reply.id,
      score: 1,
    });

    // Events reach one socket in the order they were sent; a last event in each
    // room proves that nothing else was on its way.
    const lastHere = await createSuggestion(fan, here.id);
    const lastElsewhere = await createSuggestion(fan, elsewhere.id);
    await received(listOnly, 'suggestion:created', (s) => s.id === lastHere.id);
    await received(other, 'suggestion:created', (s) => s.id === lastElsewhere.id);
    await received(b, 'suggestion:created', (s) => s.id === lastHere.id);

    expect(notPresence(b).filter((n) => n === 'suggestion:votes')).toHaveLength(1);
    expect(notPresence(listOnly)).toEqual([
      'suggestion:created',
      'suggestion:updated',
      'suggestion:votes',
      'suggestion:updated',
      'suggestion:created',
    ]);
    expect(notPresence(other)).toEqual(['suggestion:created']);
    expect(other.of('suggestion:created')[0]).toMatchObject({ id: lastElsewhere.id });
  });

  it('a notification reaches the sockets of its user only', async () => {
    const reader = await createPerson(app);
    const mine = await open(app.url, reader.client);
    const theirs = await open(app.url, fan.client);
    const anonymous = await open(app.url);
    app.forum.broadcast.notification(reader.user.id, { kind: 'status', text: 'Planned!' });
    app.forum.broadcast.notification(fan.user.id, { kind: 'status', text: 'For the fan' });
    expect(await received(mine, 'notification')).toEqual({ kind: 'status', text: 'Planned!' });
    await received(theirs, 'notification', (n) => n.text === 'For the fan');
    expect(mine.of('notification')).toHaveLength(1);
    expect(theirs.of('notification')).toHaveLength(1);
    expect(anonymous.of('notification')).toHaveLength(0);
  });
});

describe('a burst of votes', () => {
  // Registering the voters is argon2 work: a generous timeout for a loaded machine.
  it('an anonymous watcher sees 100 votes from 100 members end at the exact count, in far fewer events', async () => {
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const voters: Person[] = [];
    while (voters.length < 100) {
      voters.push(...(await Promise.all(Array.from({ length: 10 }, () => createPerson(app)))));
    }
    const watcher = await open(app.url);
    expect(await subscribe(watcher, `suggestion:${idea.id}`)).toEqual({ ok: true });
    expect(await subscribe(watcher, `announcement:${announcement.id}`)).toEqual({ ok: true });

    const answers = await Promise.all(
      voters.map((voter) => voter.client.put(`/api/suggestions/${idea.id}/vote`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));

    await received(watcher, 'suggestion:votes', (v) => v.voteCount === 100);
    // Let any settle check (one window after the last event) run before judging the last event.
    await sleep(VOTE_WINDOW_MS * 3);
    const counts = watcher.of('suggestion:votes').map((v) => v.voteCount as number);
    expect(counts.at(-1)).toBe(100);
    expect(counts.length).toBeLessThan(34);
    // Counts are absolute and read fresh, so on one instance they never go back.
    expect(counts).toEqual([...counts].sort((a, b) => a - b));

    const after = await fan.client.get<{ suggestion: { voteCount: number } }>(
      `/api/suggestions/${idea.id}`,
    );
    expect(after.body.suggestion.voteCount).toBe(100);
  }, 120_000);

  it('a vote and its undo inside one window end at the right count', async () => {
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const watcher = await open(app.url);
    expect(await subscribe(watcher, `suggestion:${idea.id}`)).toEqual({ ok: true });
    await fan.client.put(`/api/suggestions/${idea.id}/vote`);
    await team.client.put(`/api/suggestions/${idea.id}/vote`);
    await fan.client.delete(`/api/suggestions/${idea.id}/vote`);
    await received(watcher, 'suggestion:votes', (v) => v.voteCount === 1);
    await sleep(VOTE_WINDOW_MS * 3);
    expect(watcher.of('suggestion:votes').at(-1)).toEqual({ id: idea.id, voteCount: 1 });
  });
});

describe('a failed write publishes nothing', () => {
  it('refused writes (invalid input, a missing target) send no event', async () => {
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const watcher = await open(app.url);
    expect(await subscribe(watcher, `announcement:${announcement.id}`)).toEqual({ ok: true });
    expect(await subscribe(watcher, `suggestion:${idea.id}`)).toEqual({ ok: true });

    const refused = await Promise.all([
      fan.client.post(`/api/announcements/${announcement.id}/suggestions`, {
        title: '',
        body: 'x',
      }),
      fan.client.post(`/api/suggestions/${idea.id}/replies`, { body: '' }),
      fan.client.post(`/api/suggestions/${idea.id}/replies`, { body: 'ok', parentId: '999999999' }),
      fan.client.patch(`/api/suggestions/${idea.id}`, { title: 'x'.repeat(1_000) }),
      fan.client.put('/api/suggestions/999999999/vote'),
      fan.client.put(`/api/replies/999999999/vote`, { value: 1 }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 404, 404]);

    // The next successful write's event is the first the watcher gets.
    const marker = await createSuggestion(fan, announcement.id);
    await received(watcher, 'suggestion:created', (s) => s.id === marker.id);
    expect(notPresence(watcher)).toEqual(['suggestion:created']);
  });

  it('a transaction that fails at COMMIT sends no event and leaves no reply', async () => {
    const announcement = await createAnnouncement(team);
    const idea = await createSuggestion(fan, announcement.id);
    const watcher = await open(app.url);
    expect(await subscribe(watcher, `suggestion:${idea.id}`)).toEqual({ ok: true });

    // A deferred constraint trigger lets every statement of the reply's
    // transaction succeed, then refuses the COMMIT: the real rollback path.
    const tag = uniqueHandle('rb')
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase();
    const body = `force-rollback-${tag}`;
    const fn = `realtime_test_fail_${tag}`;
    const db = app.database.db;
    await sql
      .raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.body = '${body}' THEN RAISE EXCEPTION 'forced rollback for a test'; END IF;
          RETURN NULL;
        END $$`)
      .execute(db);
    await sql
      .raw(`CREATE CONSTRAINT TRIGGER ${fn} AFTER INSERT ON replies
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${fn}()`)
      .execute(db);
    try {
      const failed = await fan.client.post(`/api/suggestions/${idea.id}/replies`, { body });
      expect(failed.status).toBe(500);
    } finally {
      await sql.raw(`DROP TRIGGER ${fn} ON replies`).execute(db);
      await sql.raw(`DROP FUNCTION ${fn}()`).execute(db);
    }

    const marker = await createReply(fan, idea.id, { body: 'This one stays' });
    await received(watcher, 'reply:created', (r) => r.id === marker.id);
    await received(watcher, 'suggestion:updated', (u) => u.id === idea.id);
    expect(notPresence(watcher)).toEqual(['reply:created', 'suggestion:updated']);
    const thread = await fan.client.get<{ suggestion: { replyCount: number }; replies: unknown[] }>(
      `/api/suggestions/${idea.id}`,
    );
    expect(thread.body.suggestion.replyCount).toBe(1);
    expect(thread.body.replies).toHaveLength(1);
  });
});
