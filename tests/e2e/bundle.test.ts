/**
 * The client stays small: all of its JavaScript ≤ 60 KB gzipped, and what a
 * first visit loads before the live connection is wanted ≤ 40 KB (the socket
 * client is a separate, lazily imported chunk). Reads the build in client/dist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertPrerequisites } from './browser.ts';

const dist = path.resolve(fileURLToPath(import.meta.url), '../../../client/dist');
const KB = 1024;
const gzipped = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length;

describe('bundle size', () => {
  it('keeps all client JS within 60 KB gzip and the first load within 40 KB', () => {
    assertPrerequisites();
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
    ].map((m) => m[1] ?? '');
    const all = readdirSync(path.join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`);
    const initialBytes = initial.reduce((sum, f) => sum + gzipped(f), 0);
    const allBytes = all.reduce((sum, f) => sum + gzipped(f), 0);

    expect(initial.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(initial.length); // the socket client is its own chunk
    expect(initialBytes).toBeLessThanOrEqual(40 * KB);
    expect(allBytes).toBeLessThanOrEqual(60 * KB);
  });

  it('needs no inline script or style, so the strict CSP holds', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b|\sstyle=/);
  });
});
