import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { validationFailed } from '../errors.ts';

export type Schemas = { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
type Parsed<S extends Schemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

declare global {
  namespace Express {
    interface Request {
      /** What validate() parsed, by part; read it through `validator.input(req)`. */
      input?: Record<string, unknown>;
    }
  }
}

export type Validator<S extends Schemas> = RequestHandler & {
  /** The parsed, typed input of a request that passed this validator. */
  input(req: Request): Parsed<S>;
  /** The schemas, read by the OpenAPI generator from the route table. */
  schemas: S;
};

/**
 * Validates params, query and body with zod and keeps the parsed values on
 * `req.input` (Express 5's req.query is a getter and cannot be replaced).
 * Every failing field is named in the 400's details.
 */
export function validate<S extends Schemas>(schemas: S): Validator<S> {
  const middleware = (req: Request, _res: Response, next: NextFunction) => {
    const input: Record<string, unknown> = {};
    const fields: { path: string; message: string }[] = [];
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(req[part] ?? {});
      if (result.success) {
        input[part] = result.data;
      } else {
        for (const issue of result.error.issues) {
          fields.push({
            path: [part, ...issue.path.map(String)].join('.'),
            message: issue.message,
          });
        }
      }
    }
    if (fields.length > 0) throw validationFailed(fields);
    req.input = input;
    next();
  };
  return Object.assign(middleware, {
    input: (req: Request) => (req.input ?? {}) as Parsed<S>,
    schemas,
  });
}
