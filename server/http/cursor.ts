import { z } from 'zod';
import { badRequest } from '../errors.ts';

/**
 * Keyset cursors: the sort key of the last row and its id, as base64url JSON.
 * Opaque to clients; a cursor that does not decode to the expected shape is a 400.
 */
export function encodeCursor(key: number | string | boolean, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

const invalidCursor = () =>
  badRequest('The cursor is not valid', {
    fields: [{ path: 'query.cursor', message: 'is not a valid cursor' }],
  });

export function decodeCursor<K extends z.ZodType>(cursor: string, key: K): [z.output<K>, string] {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = z.tuple([key, z.string().regex(/^[1-9][0-9]{0,17}$/)]).safeParse(raw);
  if (!parsed.success) throw invalidCursor();
  return parsed.data as [z.output<K>, string];
}

/** For lists ordered by id alone (newest first): the cursor is the last id. */
export const encodeIdCursor = (id: string) => encodeCursor('id', id);
export const decodeIdCursor = (cursor: string) => decodeCursor(cursor, z.literal('id'))[1];
