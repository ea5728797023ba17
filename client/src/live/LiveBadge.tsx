import { connection, joinedRooms, presence } from './socket.ts';

/**
 * "Live · 12 reading": whether this screen is receiving updates, and how many
 * people read it now. `data-live` lets tests wait for the room to be joined.
 */
export function LiveBadge({ room }: { room: string }) {
  const joined = joinedRooms.value.has(room);
  const state = connection.value;
  const readers = presence.value[room];
  const label = joined ? 'Live' : state === 'offline' ? 'Offline' : 'Connecting…';
  return (
    <p class={`live-badge${joined ? ' is-live' : ''}`} data-live={joined ? 'joined' : state}>
      <span class="live-dot" aria-hidden="true" />
      <span>{label}</span>
      {joined && readers !== undefined && readers > 0 ? (
        <span class="readers"> · {readers} reading</span>
      ) : null}
    </p>
  );
}
