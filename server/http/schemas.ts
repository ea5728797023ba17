import { z } from 'zod';
import { LIMITS } from '../contracts.ts';

/** A database id: a positive integer that fits in bigint, as a string. */
export const id = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a positive integer id');
export const idParams = z.object({ id });

// C0/C1 controls, bidi overrides and isolates; tab and newlines are handled per field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const TEXT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** A one-line text (titles, handles): NFKC-normalized, trimmed, no control or bidi characters. */
export const line = (max: number, min = 1) =>
  z
    .string()
    .transform((value) => value.normalize('NFKC').replace(INVISIBLE, '').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !LINE_CONTROLS.test(value), 'must not contain control characters'),
    );

/** A Markdown body: newlines and tabs allowed, other controls refused. */
export const markdown = (max: number = LIMITS.bodyMax) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .max(max, `must be at most ${max} characters`)
        .refine((value) => value.trim().length > 0, 'must not be empty')
        .refine((value) => !TEXT_CONTROLS.test(value), 'must not contain control characters'),
    );

/** `limit` from a query string: a positive integer up to LIMITS.pageMax; anything else is a 400. */
export const limit = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, 'must be a positive integer')
  .transform(Number)
  .pipe(z.number().max(LIMITS.pageMax, `must be at most ${LIMITS.pageMax}`))
  .default(LIMITS.pageDefault);

/** An opaque cursor from a previous page. */
export const cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor');
