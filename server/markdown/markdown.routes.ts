import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth/guards.ts';
import { markdown } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { renderMarkdown } from './render.ts';

/** POST /api/markdown/preview — the composer's preview, by the same renderer and sanitizer as posts. */
export function markdownRoutes(): Router {
  const router = Router();
  const preview = validate({ body: z.object({ body: markdown() }) });
  router.post('/markdown/preview', requireUser, preview, (req, res) => {
    res.json({ bodyHtml: renderMarkdown(preview.input(req).body.body) });
  });
  return router;
}
