import type { Express } from 'express';

interface LayerLike {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: LayerLike[] };
  handle?: { stack?: LayerLike[] };
}

export interface RouteEntry {
  method: string;
  path: string;
  /** The route's own middlewares and handler, in order (validators, guards…). */
  handlers: unknown[];
}

/**
 * Every route the app answers, as `{method, path}` with the mount paths joined
 * (Express 5 keeps each layer's raw path). Tests use it to demand an
 * authorization entry and an OpenAPI entry for each route.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const root = (app as unknown as { router: { stack: LayerLike[] } }).router;
  const out: RouteEntry[] = [];
  walk(root.stack, '', out);
  return out;
}

function walk(stack: LayerLike[], prefix: string, out: RouteEntry[]) {
  for (const layer of stack) {
    if (layer.route) {
      for (const path of [layer.route.path].flat()) {
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (enabled && method !== '_all') {
            out.push({
              method: method.toUpperCase(),
              path: join(prefix, path),
              handlers: layer.route.stack.map((inner) => inner.handle),
            });
          }
        }
      }
    } else if (layer.handle?.stack) {
      const mount = [layer.rawPath ?? ''].flat()[0] ?? '';
      walk(layer.handle.stack, join(prefix, typeof mount === 'string' ? mount : ''), out);
    }
  }
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
