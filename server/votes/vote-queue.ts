import type { Executor } from '../db/schema.ts';
import {
  type BatchVoteResult,
  castVotes,
  removeVotes,
  type VoteResult,
} from './votes.repository.ts';

interface Waiting {
  userId: string;
  voted: boolean;
  resolve(result: VoteResult): void;
  reject(err: unknown): void;
}

/**
 * Votes on one suggestion take turns on this instance: while one statement
 * runs, the votes that arrive wait, and go together in the next statement.
 *
 * Why: each vote moves the suggestion's counter, so on a hot suggestion every
 * statement waits for the row lock (and the commit's WAL flush) of the one
 * before. Fifty members voting at once made fifty statements queue inside
 * PostgreSQL, each holding a pool connection. Here they queue in memory and
 * cost one or two statements and one connection. A quiet suggestion's vote
 * goes out at once, alone, as before. Each member gets the count as it stood
 * after the statement that carried their vote, and `changed` only if their row moved.
 */
export class VoteQueue {
  readonly #db: Executor;
  readonly #waiting = new Map<string, Waiting[]>();

  constructor(db: Executor) {
    this.#db = db;
  }

  submit(suggestionId: string, userId: string, voted: boolean): Promise<VoteResult> {
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(suggestionId);
      const entry = { userId, voted, resolve, reject };
      if (queue) {
        queue.push(entry);
        return;
      }
      this.#waiting.set(suggestionId, [entry]);
      void this.#drain(suggestionId);
    });
  }

  async #drain(suggestionId: string): Promise<void> {
    const queue = this.#waiting.get(suggestionId);
    while (queue && queue.length > 0) {
      // The longest run of the same kind keeps each member's votes in order.
      const voted = queue[0]?.voted;
      let take = 0;
      while (take < queue.length && queue[take]?.voted === voted) take += 1;
      const batch = queue.splice(0, take);
      const userIds = [...new Set(batch.map((entry) => entry.userId))];
      try {
        const result = voted
          ? await castVotes(this.#db, suggestionId, userIds)
          : await removeVotes(this.#db, suggestionId, userIds);
        settle(batch, result);
      } catch (err) {
        for (const entry of batch) entry.reject(err);
      }
    }
    this.#waiting.delete(suggestionId);
  }
}

/** A member named twice in one batch (a double click) changed things once, the first time. */
function settle(batch: Waiting[], result: BatchVoteResult) {
  const counted = new Set<string>();
  for (const entry of batch) {
    const changed = result.changed.has(entry.userId) && !counted.has(entry.userId);
    counted.add(entry.userId);
    entry.resolve({
      found: result.found,
      voteCount: result.voteCount,
      announcementId: result.announcementId,
      changed,
    });
  }
}

const queues = new WeakMap<Executor, VoteQueue>();

/** The queue of a database handle (one per app instance). */
export function voteQueueFor(db: Executor): VoteQueue {
  let queue = queues.get(db);
  if (!queue) {
    queue = new VoteQueue(db);
    queues.set(db, queue);
  }
  return queue;
}
