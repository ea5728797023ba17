import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../server/http/route-table.ts';
import { startApp, type TestApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema: { enum?: string[] } }[];
        requestBody?: {
          content: Record<string, { schema: { properties?: Record<string, unknown> } }>;
        };
        security?: unknown[];
      }
    >
  >;
};

let app: TestApp;
let doc: Doc;
beforeAll(async () => {
  app = await startApp();
  const res = await new Client(app.url).get<Doc>('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => app.close());

describe('the OpenAPI document', () => {
  it('covers every API route the app serves', () => {
    const missing = listRoutes(app.forum.app)
      .filter((r) => r.path.startsWith('/api'))
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }))
      .filter((r) => !doc.paths[r.path]?.[r.method]);
    expect(doc.openapi).toBe('3.0.3');
    expect(missing).toEqual([]);
  });

  it('describes bodies, parameters and sign-in from the same schemas the routes validate with', () => {
    const create = doc.paths['/api/announcements']?.post;
    expect(
      Object.keys(create?.requestBody?.content['application/json']?.schema.properties ?? {}),
    ).toEqual(expect.arrayContaining(['title', 'body']));
    expect(create?.security).toBeDefined();
    const list = doc.paths['/api/announcements/{id}/suggestions']?.get;
    const sort = list?.parameters?.find((p) => p.name === 'sort');
    expect(sort?.in).toBe('query');
    expect(sort?.schema.enum).toEqual(['hot', 'top', 'new', 'trending']);
    expect(list?.parameters?.find((p) => p.name === 'id')?.in).toBe('path');
  });
});
