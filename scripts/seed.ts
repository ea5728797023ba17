/**
 * `npm run db:seed`: fills the database (DATABASE_URL, or the embedded one)
 * with a believable launch: a phone launch and two weekly updates, 40
 * suggestions from 15 fans with threaded replies and votes, a team and a
 * moderator. Runs once: a database that already has announcements is left alone.
 */
import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import { createAnnouncement } from '../server/announcements/announcements.service.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { DB } from '../server/db/schema.ts';
import { createReply } from '../server/replies/replies.service.ts';
import { ANNOUNCEMENTS, FANS, REPLIES, STAFF, SUGGESTIONS } from '../server/seed/launch-data.ts';
import { createSuggestion } from '../server/suggestions/suggestions.service.ts';
import { castVote } from '../server/votes/votes.repository.ts';

export const DEMO_PASSWORD = 'forum-demo-2026';

const config = loadConfig();
const database = await openDatabase(config);
const { db } = database;
try {
  await migrateToLatest(db);
  const existing = await db.selectFrom('announcements').select('id').limit(1).executeTakeFirst();
  if (existing) {
    console.log('The database already has announcements; nothing seeded.');
  } else {
    await seed();
  }
} finally {
  await database.close();
}

async function seed() {
  const passwordHash = await hash(DEMO_PASSWORD);
  const people = [...STAFF, ...FANS.map((handle) => ({ handle, role: 'member' as const }))];
  const users = await db
    .insertInto('users')
    .values(
      people.map((p) => ({
        handle: p.handle,
        email: `${p.handle}@example.com`,
        password_hash: passwordHash,
        role: p.role,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'handle'])
    .execute();
  const idOf = new Map(users.map((u) => [u.handle, u.id]));
  const fanIds = FANS.map((handle) => idOf.get(handle)).filter(
    (id): id is string => id !== undefined,
  );
  const teamId = idOf.get('tomas_pm');
  if (!teamId || fanIds.length === 0)
    throw new Error('the demo users exist already; use a fresh database');

  // A fixed pseudo-random sequence, so every seed looks the same.
  let state = 7;
  const random = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const announcementIds: string[] = [];
  for (const a of ANNOUNCEMENTS) {
    const created = await createAnnouncement(db, teamId, {
      title: a.title,
      body: a.body,
      pinned: a.pinned,
    });
    await backdate(db, 'announcements', created.id, a.daysAgo * 24);
    announcementIds.push(created.id);
  }

  let replies = 0;
  let votes = 0;
  for (const [index, [announcementIndex, title, body]] of SUGGESTIONS.entries()) {
    const announcementId = announcementIds[announcementIndex]!;
    const author = fanIds[index % fanIds.length]!;
    const suggestion = await createSuggestion(db, announcementId, author, { title, body });
    const hoursAgo = ANNOUNCEMENTS[announcementIndex]!.daysAgo * 24 * random();
    await backdate(db, 'suggestions', suggestion.id, hoursAgo);

    // Popularity falls off with the list: a few ideas gather most votes.
    const voterCount = Math.floor(fanIds.length * random() ** 1.5);
    for (const voter of fanIds.slice(0, voterCount)) {
      if ((await castVote(db, suggestion.id, voter)).changed) votes++;
    }
    const threadSize = Math.floor(random() * 5);
    const posted: string[] = [];
    for (let i = 0; i < threadSize; i++) {
      const parentId = posted.length > 0 && random() < 0.5 ? pick(posted) : null;
      const reply = await db
        .transaction()
        .execute((trx) =>
          createReply(trx, suggestion.id, pick(fanIds), { body: pick(REPLIES), parentId }),
        );
      posted.push(reply.id);
      replies++;
    }
  }
  await sql`UPDATE suggestions SET hot_score = log(1 + vote_count) + extract(epoch from created_at) / 45000`.execute(
    db,
  );

  console.log(
    `Seeded ${ANNOUNCEMENTS.length} announcements, ${SUGGESTIONS.length} suggestions, ${replies} replies and ${votes} votes.`,
  );
  console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const person of STAFF) console.log(`  ${person.handle.padEnd(12)} ${person.role}`);
  console.log(`  ${FANS[0]!.padEnd(12)} member (and ${FANS.length - 1} more fans)`);
}

async function backdate(
  target: import('kysely').Kysely<DB>,
  table: 'announcements' | 'suggestions',
  id: string,
  hoursAgo: number,
) {
  const when = new Date(Date.now() - hoursAgo * 3_600_000);
  await target
    .updateTable(table)
    .set({ created_at: when, updated_at: when })
    .where('id', '=', id)
    .execute();
}
