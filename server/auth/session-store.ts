import session from 'express-session';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

type Callback = (err?: unknown) => void;
type SessionWithUser = session.SessionData & { passport?: { user?: string } };

/** Touches closer together than this do not rewrite the row (one write per minute at most). */
const TOUCH_EVERY_MS = 60_000;

/**
 * express-session's store in our own database, through Kysely, so it works on
 * PostgreSQL and PGlite alike and every instance sees every session. The user id
 * is kept in its own column so that logout-everywhere and bans can end them all.
 */
export class KyselySessionStore extends session.Store {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    super();
    this.#db = db;
  }

  override get(
    sid: string,
    callback: (err: unknown, session?: session.SessionData | null) => void,
  ) {
    this.#db
      .selectFrom('sessions')
      .select('sess')
      .where('sid', '=', sid)
      .where('expires_at', '>', new Date())
      .executeTakeFirst()
      .then(
        (row) => callback(null, (row?.sess as session.SessionData | undefined) ?? null),
        callback,
      );
  }

  override set(sid: string, data: session.SessionData, callback?: Callback) {
    const userId = (data as SessionWithUser).passport?.user ?? null;
    const values = { sess: JSON.stringify(data), expires_at: expiry(data), user_id: userId };
    this.#db
      .insertInto('sessions')
      .values({ sid, ...values })
      .onConflict((oc) => oc.column('sid').doUpdateSet(values))
      .execute()
      .then(
        () => callback?.(),
        (err) => callback?.(err),
      );
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback) {
    const expiresAt = expiry(data);
    this.#db
      .updateTable('sessions')
      .set({ expires_at: expiresAt })
      .where('sid', '=', sid)
      .where('expires_at', '<', new Date(expiresAt.getTime() - TOUCH_EVERY_MS))
      .execute()
      // A touch only rolls the idle expiry forward; when the database is away the
      // answer has already been written, so a failed touch is dropped, not turned
      // into an error after the response (express-session would pass it on).
      .then(
        () => callback?.(),
        () => callback?.(),
      );
  }

  override destroy(sid: string, callback?: Callback) {
    this.#db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(
        () => callback?.(),
        (err) => callback?.(err),
      );
  }

  /** Ends every session of a user (ban, password change); returns their ids. */
  async destroyAllFor(userId: string): Promise<string[]> {
    const rows = await this.#db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .returning('sid')
      .execute();
    return rows.map((row) => row.sid);
  }

  /** Removes expired rows; called now and then, not per request. */
  async prune(): Promise<void> {
    await this.#db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
  }
}

function expiry(data: session.SessionData): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + 86_400_000);
}
