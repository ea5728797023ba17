import { useEffect } from 'preact/hooks';
import { isLive, type Listeners, watch } from './socket.ts';

/** What a live screen tells the connection: its rooms, its events, how to (re)fetch. */
export interface LiveScreen {
  rooms: string[];
  listeners: Listeners;
  /** The first fetch. */
  load(): Promise<void>;
  /** A quiet refetch that keeps the reader's place: counts in place, new items behind a button. */
  resync(): Promise<void>;
}

/**
 * Shows a screen live without a gap between its fetch and its rooms:
 * - socket already up: join first (one round trip), then fetch — nothing can fall between;
 * - socket still loading: fetch at once (first paint is not held up by the socket),
 *   then resync once the rooms are joined, for whatever happened in between;
 * - reconnected without recovery: the socket layer calls resync after a random delay.
 */
export function useLive(screen: LiveScreen | null): void {
  useEffect(() => {
    if (!screen) return;
    let alive = true;
    const watcher = watch(screen.rooms, screen.listeners, () => {
      if (alive) void screen.resync();
    });
    void (async () => {
      const joinedFirst = isLive() ? await watcher.joined(1_500) : false;
      if (!alive) return;
      await screen.load();
      if (joinedFirst || !alive) return;
      await watcher.joined();
      if (alive) await screen.resync();
    })();
    return () => {
      alive = false;
      watcher.stop();
    };
  }, [screen]);
}
