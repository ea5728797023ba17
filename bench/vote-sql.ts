import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { castVotes, findCastVote } from '../server/votes/votes.repository.ts';

/**
 * The app's exact vote statements as pgbench script lines: compiled by Kysely
 * (never copied by hand), the suggestion id as `:s` and the member as `:u`.
 * A vote first asks whether it was already cast (`check`: a repeat ends
 * there), then casts it (`cast`).
 */
export async function voteSqlForPgbench(): Promise<{ check: string; cast: string }> {
  return {
    check: await captured((db) => findCastVote(db, '424242', '171717')),
    cast: await captured((db) => castVotes(db, '424242', ['171717'])),
  };
}

async function captured(run: (db: Kysely<DB>) => Promise<unknown>): Promise<string> {
  let captured: { sql: string; parameters: readonly unknown[] } | undefined;
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured = { sql: event.query.sql, parameters: event.query.parameters };
    },
  });
  await run(db);
  await db.destroy();
  if (!captured) throw new Error('the vote statement was not captured');
  const { sql, parameters } = captured;
  const cast = sql
    .replace(/\$(\d+)/g, (_match, index: string) => {
      const value = parameters[Number(index) - 1];
      if (value === '424242') return ':s';
      if (value === '171717') return ':u';
      if (Array.isArray(value)) return 'ARRAY[:u]';
      throw new Error(`unexpected parameter ${String(value)}`);
    })
    .replace(/\s+/g, ' ')
    .trim();
  return `${cast};`;
}
