import type { Express } from 'express';
import { z } from 'zod';
import type { Guard } from '../auth/guards.ts';
import { listRoutes, type RouteEntry } from './route-table.ts';
import type { Schemas } from './validate.ts';

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, unknown>;
  required?: string[];
};
type Operation = Record<string, unknown>;

const isValidator = (handler: unknown): handler is { schemas: Schemas } =>
  typeof handler === 'function' && 'schemas' in handler;
const isGuard = (handler: unknown): handler is Guard =>
  typeof handler === 'function' && 'roles' in handler;

const toJson = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as JsonSchema;

const ERROR_BODY = {
  description: 'An error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/**
 * The OpenAPI 3 document of every route the app serves, generated from the
 * route table: paths and methods from Express, parameters and bodies from each
 * route's zod validator, and who may call it from its guard. A route cannot be
 * added without appearing here.
 */
export function buildOpenApi(app: Express, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of listRoutes(app)) {
    if (!route.path.startsWith('/api') && !['/healthz', '/readyz', '/metrics'].includes(route.path))
      continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Feedback forum API', version },
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'forum.sid' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
  };
}

function operation(route: RouteEntry): Operation {
  const validator = route.handlers.find(isValidator);
  const guard = route.handlers.find(isGuard);
  const responses: Record<string, unknown> = { default: ERROR_BODY };
  responses[route.method === 'POST' ? '201' : '200'] = { description: 'Success' };
  const op: Operation = { responses };
  if (guard) {
    op.security = [{ session: [] }];
    op.description =
      guard.roles === 'signedIn' ? 'Signed in.' : `Roles: ${guard.roles.join(', ')} (and admin).`;
    responses['401'] = ERROR_BODY;
    if (guard.roles !== 'signedIn') responses['403'] = ERROR_BODY;
  }
  if (!validator) return op;
  responses['400'] = ERROR_BODY;
  const parameters = [
    ...parametersOf(validator.schemas.params, 'path'),
    ...parametersOf(validator.schemas.query, 'query'),
  ];
  if (parameters.length > 0) op.parameters = parameters;
  if (validator.schemas.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: toJson(validator.schemas.body) } },
    };
  }
  return op;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toJson(schema);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
