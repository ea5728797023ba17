import { type Kysely, sql } from 'kysely';

/**
 * A shipped suggestion can be merged too: its link to the update it shipped in
 * is kept on the merge record (a merged suggestion has none) and restored by unmerge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE suggestion_merges
    ADD COLUMN source_shipped_in_id bigint REFERENCES announcements (id)`.execute(db);
  await sql`CREATE INDEX suggestion_merges_source_shipped_in_id_idx
    ON suggestion_merges (source_shipped_in_id)`.execute(db);
}
