import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The pg pool on PostgreSQL (read by /metrics); undefined on PGlite. */
  pool?: pg.Pool | undefined;
  /** Ends the pool (or closes PGlite); safe to call twice. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  DATABASE_POOL_MAX?: number;
}

/**
 * Opens the database: PostgreSQL through a pg pool when DATABASE_URL is set,
 * otherwise the embedded PGlite kept in DATA_DIR/pglite. On both, bigint
 * columns come back as strings (our ids are strings everywhere).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const pool = options.DATABASE_URL ? createPool(options) : undefined;
  const db = pool
    ? new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    : await createPglite(options.DATA_DIR);
  let closed = false;
  return {
    db,
    engine: options.DATABASE_URL ? 'postgres' : 'pglite',
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function createPool(options: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.DATABASE_URL,
    max: options.DATABASE_POOL_MAX ?? 10,
    // Give up quickly when the database is away: a 503 beats a hung request.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  // Nor may a checked-out one: pg rejects its query and then emits 'error' on
  // the client, which nobody listens to while it is checked out (found by the
  // outage test: cutting the database killed the process). The pool drops the
  // dead client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

async function createPglite(dataDir: string): Promise<Kysely<DB>> {
  const dir = `${dataDir}/pglite`;
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, {
    extensions: { pg_trgm },
    parsers: { [types.INT8]: (value: string) => value },
  });
  return new Kysely<DB>({ dialect: new PGliteDialect(client) });
}
