import express, { type RequestHandler } from 'express';
import { AppError } from '../errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request with a body that is not JSON is refused with 415, before it is read. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (UNSAFE.has(req.method) && hasBody(req.headers) && !req.is('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  next();
};

function hasBody(headers: { 'content-length'?: string; 'transfer-encoding'?: string }) {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/**
 * JSON bodies up to `limit`. NUL characters are refused while parsing (PostgreSQL
 * cannot store them), and `__proto__`/`constructor` keys are dropped.
 */
export function jsonBody(limit = '64kb'): RequestHandler {
  return express.json({
    limit,
    strict: true,
    reviver(key, value: unknown) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
      if (typeof value === 'string' && value.includes('\u0000')) {
        throw new SyntaxError('Text must not contain NUL characters');
      }
      return value;
    },
  });
}
