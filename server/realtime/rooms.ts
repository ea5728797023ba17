/**
 * Room names. Browsers may join the public ones (an announcement or a
 * suggestion, by id); the server alone puts a signed-in socket in its user room.
 */
export const rooms = {
  announcement: (id: string) => `announcement:${id}`,
  suggestion: (id: string) => `suggestion:${id}`,
  user: (id: string) => `user:${id}`,
};

export type PublicRoomKind = 'announcement' | 'suggestion';

export interface PublicRoom {
  name: string;
  kind: PublicRoomKind;
  id: string;
}

/** A bigint id, as the API spells it: no sign, no leading zero, at most 18 digits. */
const PUBLIC_ROOM = /^(announcement|suggestion):([1-9][0-9]{0,17})$/;

/** The public room a client asked for, or undefined when the name is not one. */
export function parsePublicRoom(name: unknown): PublicRoom | undefined {
  if (typeof name !== 'string' || name.length > 40) return undefined;
  const match = PUBLIC_ROOM.exec(name);
  if (!match) return undefined;
  return { name, kind: match[1] as PublicRoomKind, id: match[2] as string };
}

export const isPublicRoom = (name: string) => PUBLIC_ROOM.test(name);
export const isUserRoom = (name: string) => name.startsWith('user:');
