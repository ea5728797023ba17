import { Router } from 'express';
import type { Kysely } from 'kysely';
import { requireRole } from '../auth/guards.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { iso } from '../http/dto.ts';
import { idParams } from '../http/schemas.ts';
import { validate } from '../http/validate.ts';
import { atomFeed } from './atom.ts';
import { csvRow } from './csv.ts';
import * as repo from './exports.repository.ts';

interface Deps {
  db: Kysely<DB>;
  /** The site's public origin for feed links; else the request's own. */
  publicUrl?: string | undefined;
}

const CSV_PAGE = 500;
const FEED_SIZE = 50;

/** A team's CSV of an announcement's suggestions, and the public Atom feed of announcements. */
export function exportRoutes({ db, publicUrl }: Deps): Router {
  const router = Router();

  router.get('/announcements.atom', async (req, res) => {
    const base = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host')}`;
    const rows = await repo.latestAnnouncements(db, FEED_SIZE);
    const shipped = await repo.shippedIn(
      db,
      rows.map((row) => String(row.id)),
    );
    const entries = rows.map((row) => ({
      id: String(row.id),
      title: row.title,
      bodyHtml: row.body_html,
      author: row.handle,
      published: new Date(row.created_at),
      updated: new Date(row.updated_at),
      shipped: shipped
        .filter((s) => String(s.shipped_in_id) === String(row.id))
        .map((s) => ({ id: String(s.id), title: s.title })),
    }));
    res.type('application/atom+xml; charset=utf-8').send(atomFeed(base, entries));
  });

  const csv = validate({ params: idParams });
  router.get('/announcements/:id/export.csv', requireRole('team'), csv, async (req, res) => {
    const { id } = csv.input(req).params;
    if (!(await repo.announcementExists(db, id))) throw notFound('Announcement');
    res.type('text/csv; charset=utf-8');
    res.attachment(`announcement-${id}-suggestions.csv`);
    // A BOM so spreadsheets read the UTF-8 correctly.
    res.write(
      `\uFEFF${csvRow(['id', 'title', 'status', 'votes', 'replies', 'tags', 'author', 'created_at', 'shipped_in', 'merged_into'])}`,
    );
    let afterId: string | null = null;
    for (;;) {
      const page = await repo.exportPage(db, id, { afterId, limit: CSV_PAGE });
      for (const row of page) {
        res.write(
          csvRow([
            String(row.id),
            row.title,
            row.status,
            row.vote_count,
            row.reply_count,
            row.tags,
            row.author_handle,
            iso(row.created_at),
            row.shipped_in_id === null ? null : String(row.shipped_in_id),
            row.merged_into_id === null ? null : String(row.merged_into_id),
          ]),
        );
      }
      const last = page.at(-1);
      if (page.length < CSV_PAGE || !last) break;
      afterId = String(last.id);
    }
    res.end();
  });

  return router;
}
