import { type Kysely, sql } from 'kysely';

/** pg_trgm backs "similar while typing"; PGlite ships it as a contrib module. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
}
