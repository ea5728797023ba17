/**
 * Headless Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven
 * by playwright-core (never a downloaded browser), and a guard per page that
 * records every page error, console error and server error so a test can
 * assert that a whole run was clean.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

/** Fails early and plainly when the prerequisites of a browser run are missing. */
export function assertPrerequisites(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  if (!existsSync(path.join(root, 'client/dist/index.html'))) {
    throw new Error('The client is not built: run `npm run build` first (npm test does)');
  }
}

export async function launch(): Promise<Browser> {
  assertPrerequisites();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Responses the client expects and handles, which Chromium still logs as
 * "Failed to load resource": a visitor's /api/me (401), and endpoints that
 * other issues add (404 until they land; the client hides the feature).
 */
const EXPECTED_FAILURES: [RegExp, number][] = [
  [/\/api\/me$/, 401],
  [/\/api\/notifications(\?|$)/, 404],
  [/\/api\/suggestions\/similar\?/, 404],
  [/\/api\/roadmap$/, 404],
  [/\/api\/search\?/, 404],
];

export interface Guard {
  page: Page;
  /** Also accept this failure (a test that provokes a 400 on purpose). */
  allow(url: RegExp, status: number): void;
  /** Everything that went wrong on this page so far. */
  problems(): string[];
}

/** Opens a page that records page errors, console errors and unexpected failed responses. */
export async function guardedPage(context: BrowserContext): Promise<Guard> {
  const page = await context.newPage();
  const expected = [...EXPECTED_FAILURES];
  const problems: string[] = [];
  const failed = new Map<string, number>();
  const isExpected = (url: string, status: number) =>
    expected.some(([pattern, code]) => code === status && pattern.test(url));

  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    const status = res.status();
    if (status < 400) return;
    failed.set(res.url(), status);
    if (!isExpected(res.url(), status))
      problems.push(`HTTP ${status} ${res.request().method()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url;
    // Chromium logs every 4xx/5xx resource; those are judged by their response above.
    if (/^Failed to load resource/.test(msg.text()) && failed.has(url)) return;
    problems.push(`console error: ${msg.text()} ${url}`);
  });
  return {
    page,
    allow(url, status) {
      expected.push([url, status]);
    },
    problems: () => [...problems],
  };
}

/**
 * A guarded page signed in as someone registered through the API: their
 * session cookie (`name=value`, as tests/helpers/client.ts keeps it) is put in
 * a fresh browser context.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  cookie: string,
  options: BrowserContextOptions = {},
): Promise<Guard> {
  const context = await browser.newContext(options);
  const at = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url }]);
  return guardedPage(context);
}

/** The page's rooms are joined: from here on, nothing published is missed. */
export const live = (page: Page) => page.locator('[data-live="joined"]').first().waitFor();

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(
      (sel) => document.activeElement?.matches(sel) === true,
      selector,
    );
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element shows a visible focus indicator (an outline or a box shadow). */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    return outline || style.boxShadow !== 'none';
  });
}

/** Where every run writes its screenshots (ignored by git). */
export const screenshotsOut = path.join(root, 'test-results/screenshots');
/** The README's screenshots: refreshed from a run only with UPDATE_SCREENSHOTS=1. */
export const screenshotsDocs = path.join(root, 'docs/screenshots');
