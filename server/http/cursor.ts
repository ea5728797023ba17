import { z } from 'zod';
import { badRequest } from '../errors.ts';

/**
 * Keyset cursors: the sort key of the last row and its id, as base64url JSON.
 * Opaque to clients; a cursor that does not decode to the expected shape is a 400.
 */
export function encodeCursor(key: number | string | boolean, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor<K extends z.ZodType>(cursor: string, key: K): [z.output<K>, string] {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('The cursor is not valid', {
      fields: [{ path: 'query.cursor', message: 'is not a valid cursor' }],
    });
  }
  const parsed = z.tuple([key, z.string().regex(/^[1-9][0-9]{0,17}$/)]).safeParse(raw);
  if (!parsed.success) {
    throw badRequest('The cursor is not valid', {
      fields: [{ path: 'query.cursor', message: 'is not a valid cursor' }],
    });
  }
  return parsed.data as [z.output<K>, string];
}
