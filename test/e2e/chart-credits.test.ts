/**
 * In real Chromium through the harness: a credit (a negative cost) is drawn, hanging below the axis, and the axis
 * reaches below zero for it, at 30 days and past 45 days (where a range without credits draws areas); the rest of
 * the stack stands on the axis as before.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { startHarness, type Harness } from '../harness/harness-server';
import { launchChromium } from '../support/chromium';
import { costRow } from '../support/cost-row';
import { FakeKeychain } from '../support/fake-vault';
import { seedDataDir } from '../support/seed-account';
import { pinnedToLoadDay } from '../support/clock-env';

/** 40 days of $20–32 (Alpha) and $10 (Beta) a day, and a $17 credit (Refunds) every 9th day. */
// Fixtures for one day: the file runs at its load day's noon (CI starts one instant minutes before a new year).
const PINNED = pinnedToLoadDay();

function seedWithCredits(): string {
  const today = PINNED.noon.slice(0, 10);
  return seedDataDir('sw-credits-', [
    {
      id: 'acc_c',
      name: 'Credit org',
      keyHint: 'sk-admin-…cred',
      history: {
        from: addDays(today, -40),
        backfilledFrom: addDays(today, -40),
        costs: (_day, d) => [
          costRow('proj_a', 'gpt-4o, input', 20_000_000 + d * 300_000),
          costRow('proj_b', 'gpt-4o, output', 10_000_000),
          ...(d % 9 === 4 ? [costRow('proj_c', 'credit', -17_000_000)] : []),
        ],
        projects: { proj_a: 'Alpha', proj_b: 'Beta', proj_c: 'Refunds' },
      },
    },
  ]);
}

/** The daily chart's y-axis labels, and how many bars lie above and below its $0 line. (Runs in the page, as text.) */
const CHART_SHAPE = `(() => {
  const chart = document.querySelector('[data-testid="daily-chart"]');
  // Tick labels and tick lines come in the same order: the $0 label's line is the axis.
  const labels = [...chart.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
  const lines = [...chart.querySelectorAll('.recharts-yAxis-tick-lines .recharts-cartesian-axis-tick-line')];
  const zeroLine = lines[labels.indexOf('$0')];
  if (!zeroLine) return { labels, below: -1, above: -1, areas: -1 };
  const zero = zeroLine.getBoundingClientRect().top;
  const bars = [...chart.querySelectorAll('rect.recharts-bar-rectangle')].map((r) => r.getBoundingClientRect()).map((b) => ({ top: b.top - zero, bottom: b.bottom - zero }));
  return { labels, below: bars.filter((b) => b.top >= -0.5 && b.bottom > 1).length, above: bars.filter((b) => b.bottom <= 0.5).length, areas: chart.querySelectorAll('path.stacked-area').length };
})()`;
const chartShape = (page: Page) =>
  page.evaluate<{ labels: string[]; below: number; above: number; areas: number }>(CHART_SHAPE);

describe('credits on the daily chart', () => {
  let browser: Browser;
  let harness: Harness;

  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startHarness({
      dataDir: seedWithCredits(),
      vault: new FakeKeychain(),
      overrides: { clock: PINNED.clock() },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('hang below the axis, which reaches below zero, at 30 days and at 3 months', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    await page.getByLabel('Stack by').selectOption('project');
    await page.locator('[data-testid="daily-chart"] rect.recharts-bar-rectangle').first().waitFor();
    await expect.poll(async () => (await chartShape(page)).labels).toEqual(['-$20', '$0', '$20', '$40', '$60']);
    const month = await chartShape(page);
    expect(month.below).toBeGreaterThanOrEqual(3); // a credit every 9th day of the 30
    expect(month.above).toBeGreaterThanOrEqual(60); // Alpha and Beta on every day
    // Past 45 days a range without credits draws areas; with one it keeps bars, so the credit still shows.
    await page.getByRole('button', { name: '3 months' }).click();
    await expect.poll(async () => (await chartShape(page)).below).toBeGreaterThanOrEqual(4);
    expect((await chartShape(page)).areas).toBe(0);
    await page.close();
  });
});
