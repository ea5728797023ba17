import { chromium } from 'playwright-core';

/** A figure of the report (the same shape as run.ts's rows). */
interface PageRow {
  name: string;
  value: number;
  unit: string;
  baseline: null;
  ratio: null;
  goal: string;
  met: boolean;
  note?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * The thread page in headless Chromium (Debian's), three cold loads in fresh
 * contexts: Largest Contentful Paint and Cumulative Layout Shift from the
 * Performance API, median of 3.
 */
export async function pagePerformance(baseUrl: string, suggestionId: string): Promise<PageRow[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const lcp: number[] = [];
  const cls: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/s/${suggestionId}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      const figures = await page.evaluate(
        () =>
          new Promise<{ lcp: number; cls: number }>((resolve) => {
            let largest = 0;
            let shift = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) largest = Math.max(largest, entry.startTime);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & {
                value: number;
                hadRecentInput: boolean;
              })[]) {
                if (!entry.hadRecentInput) shift += entry.value;
              }
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve({ lcp: largest, cls: shift }), 100);
          }),
      );
      lcp.push(figures.lcp / 1000);
      cls.push(figures.cls);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const lcpMedian = median(lcp);
  const clsMedian = median(cls);
  return [
    {
      name: 'thread page in Chromium: Largest Contentful Paint (median of 3)',
      value: lcpMedian,
      unit: 's',
      baseline: null,
      ratio: null,
      goal: '≤ 1.5 s',
      met: lcpMedian <= 1.5,
      note: `loads: ${lcp.map((v) => v.toFixed(3)).join(', ')} s`,
    },
    {
      name: 'thread page in Chromium: Cumulative Layout Shift (median of 3)',
      value: clsMedian,
      unit: '',
      baseline: null,
      ratio: null,
      goal: '≤ 0.1',
      met: clsMedian <= 0.1,
      note: `loads: ${cls.map((v) => v.toFixed(3)).join(', ')}`,
    },
  ];
}
