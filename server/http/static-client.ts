import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Client routes that reload to index.html (shared links, the back button). */
const CLIENT_ROUTES = [
  '/',
  '/a/:id',
  '/s/:id',
  '/roadmap',
  '/search',
  '/signin',
  '/me',
  '/moderation',
  '/triage',
];

/**
 * Serves the Vite build: hashed assets cached for a year, index.html never
 * cached, and every client route answered with index.html.
 */
export function staticClient(distDir: string): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get(CLIENT_ROUTES, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
