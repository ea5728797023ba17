/**
 * Coalesces bursts of "this changed" into at most one event per key per window,
 * each carrying the value read fresh when the window closes. A key that has
 * been quiet for a whole window goes out at once with the caller's value (the
 * leading edge: a lone vote is not held back 150 ms); the settle check below
 * corrects it if it was not the latest.
 *
 * Why read instead of trusting the caller's value: two requests that commit in
 * one order can reach their `broadcast` calls in the other, and two instances
 * can emit in either order. So a window reads the current value from the
 * source of truth, and one window later checks once more ("settle"): if the
 * value moved since this instance last sent it, it sends it again. The last
 * event a client sees therefore carries the final value, on one instance or many.
 */
export interface CoalescerOptions<K, V> {
  windowMs: number;
  /** The current values; a key missing from the answer is dropped (its row is gone). */
  read(keys: K[]): Promise<Map<K, V>>;
  emit(key: K, value: V): void;
  same(a: V, b: V): boolean;
  /** A failed read; due keys then go out with the value given to mark(), if any. */
  onError(err: unknown): void;
}

export interface Coalescer<K, V> {
  /** Something changed for key; `fallback` is sent if the read fails. */
  mark(key: K, fallback?: V): void;
  /** Sends what is due now (on shutdown) and stops the timer. */
  flush(): Promise<void>;
  /** Stops the timer and drops what is due. */
  stop(): void;
}

export function createCoalescer<K, V>(options: CoalescerOptions<K, V>): Coalescer<K, V> {
  const { windowMs, read, emit, same, onError } = options;
  /** Keys changed since the last window, with the caller's value as a fallback. */
  const due = new Map<K, V | undefined>();
  /** Keys sent in the last window, with what was sent, awaiting their settle check. */
  let settling = new Map<K, V>();
  /** When each key was last sent; a key absent or older than a window is quiet. */
  const lastSent = new Map<K, number>();
  /** Keys a window is reading right now: their read may end after a newer value, so they are not quiet. */
  const inFlight = new Set<K>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const send = (key: K, value: V) => {
    emit(key, value);
    settling.set(key, value);
    lastSent.set(key, Date.now());
  };
  const forgetQuiet = () => {
    const horizon = Date.now() - windowMs;
    for (const [key, at] of lastSent) if (at <= horizon) lastSent.delete(key);
  };

  const schedule = () => {
    if (stopped || timer || running || (due.size === 0 && settling.size === 0)) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = tick(true).finally(() => {
        running = undefined;
        schedule();
      });
    }, windowMs);
    timer.unref();
  };

  const tick = async (settle: boolean) => {
    const now = new Map(due);
    due.clear();
    const checks = settle ? settling : new Map<K, V>();
    settling = new Map();
    const keys = [...new Set([...now.keys(), ...checks.keys()])];
    if (keys.length === 0) return;
    let values: Map<K, V> | undefined;
    for (const key of keys) inFlight.add(key);
    try {
      values = await read(keys);
    } catch (err) {
      onError(err);
    } finally {
      for (const key of keys) inFlight.delete(key);
    }
    for (const [key, fallback] of now) {
      const value = values ? values.get(key) : fallback;
      if (value === undefined) continue;
      send(key, value);
    }
    forgetQuiet();
    if (!values) return;
    for (const [key, sent] of checks) {
      const value = values.get(key);
      if (now.has(key) || value === undefined || same(value, sent)) continue;
      send(key, value);
    }
  };

  return {
    mark(key, fallback) {
      if (stopped) return;
      const last = lastSent.get(key);
      const quiet =
        !due.has(key) &&
        !settling.has(key) &&
        !inFlight.has(key) &&
        (last === undefined || Date.now() - last >= windowMs);
      if (quiet && fallback !== undefined) send(key, fallback);
      else due.set(key, fallback ?? due.get(key));
      schedule();
    },
    async flush() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
      await tick(false);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      due.clear();
      settling.clear();
    },
  };
}
