import { type Kysely, sql } from 'kysely';

/**
 * Full-text search and "similar while typing", on PostgreSQL and PGlite alike.
 * The weighted document (title A, body B) lives in a side table kept by a
 * trigger, so ranking never re-parses bodies and `suggestions.*` stays lean.
 * Titles get a trigram index and a stemmed-words index for near-duplicates.
 */
const statements = [
  sql`CREATE TABLE suggestion_search (
    suggestion_id bigint PRIMARY KEY REFERENCES suggestions (id) ON DELETE CASCADE,
    document tsvector NOT NULL
  )`,
  sql`CREATE INDEX suggestion_search_document_idx ON suggestion_search USING gin (document)`,
  sql`CREATE FUNCTION suggestion_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO suggestion_search (suggestion_id, document)
      VALUES (NEW.id, setweight(to_tsvector('english', NEW.title), 'A')
                   || setweight(to_tsvector('english', NEW.body), 'B'))
      ON CONFLICT (suggestion_id) DO UPDATE SET document = EXCLUDED.document;
      RETURN NULL;
    END
  $$`,
  sql`CREATE TRIGGER suggestion_search_sync AFTER INSERT OR UPDATE OF title, body ON suggestions
    FOR EACH ROW EXECUTE FUNCTION suggestion_search_sync()`,
  sql`INSERT INTO suggestion_search (suggestion_id, document)
    SELECT id, setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
    FROM suggestions`,
  sql`CREATE INDEX suggestions_title_trgm_idx ON suggestions USING gin (lower(title) gin_trgm_ops)`,
  // A title's stemmed words as an array: "shares a word with" is && on this index.
  sql`CREATE INDEX suggestions_title_words_idx ON suggestions
    USING gin (tsvector_to_array(to_tsvector('english'::regconfig, title)))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
