/**
 * In real Chromium through the harness, on an organisation of 19 projects with a credit: every project shown
 * has its own colour, and the same one in the chart's bars, its legend and the breakdown table; the credit is
 * its own "Credits" series and row, never inside Other; the stack keeps its order across controls; 12 months
 * are 12 monthly bars, each with its total.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/harness-server';
import { launchChromium } from '../support/chromium';
import { pinnedToLoadDay } from '../support/clock-env';
import { FakeKeychain } from '../support/fake-vault';
import { FINANCE_PROJECTS, seedFinanceOrganisation } from '../support/finance-fixture';

const PINNED = pinnedToLoadDay();
// The page's own function, used inside $$eval callbacks (this file is typed without the DOM library).
declare const getComputedStyle: (element: unknown) => { backgroundColor: string; fill: string };

/** Label → swatch colour of the daily chart's legend (run in the page). */
const legendColours = (page: Page) =>
  page.$$eval('[data-testid="daily-chart"] ~ .chart-legend li', (items) =>
    items.map((li) => [li.textContent ?? '', getComputedStyle(li.querySelector('.swatch')!).backgroundColor]),
  );
const barFills = (page: Page) =>
  page.$$eval('[data-testid="daily-chart"] rect.recharts-bar-rectangle', (rects) => [
    ...new Set(rects.map((r) => getComputedStyle(r).fill)),
  ]);

describe('one colour per project, credits in the open', () => {
  let browser: Browser;
  let harness: Harness;

  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startHarness({
      dataDir: seedFinanceOrganisation(new Date(PINNED.noon)),
      vault: new FakeKeychain(),
      overrides: { clock: PINNED.clock() },
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('gives each of 19 projects its own colour, the same in the chart, its legend and the table', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    await page.getByLabel('Stack by').selectOption('project');
    await expect.poll(async () => (await legendColours(page)).map(([label]) => label)).toContain('Credits');
    const legend = await legendColours(page);
    // Eight projects, Other (the eleven small ones' spend), then Credits last.
    expect(legend.map(([label]) => label)).toEqual([...FINANCE_PROJECTS.slice(0, 8), 'Other (11 projects)', 'Credits']);
    expect(new Set(legend.map(([, colour]) => colour)).size).toBe(legend.length);
    // The bars are drawn in those colours and no other.
    expect((await barFills(page)).sort()).toEqual(legend.map(([, colour]) => colour).sort());

    // The breakdown table, every project shown: 19 distinct colours plus the credit's own.
    const top = page.getByRole('table', { name: 'Top projects this month' });
    await page.locator('.breakdown-panel').first().getByRole('button', { name: 'Show all 20 projects' }).click();
    await expect.poll(async () => (await top.locator('tbody tr').count()) >= 20).toBe(true);
    const rows = await top
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('.name-cell')?.textContent?.trim() ?? '',
          getComputedStyle(tr.querySelector('.swatch')!).backgroundColor,
        ]),
      );
    const projectRows = rows.filter(([name]) => FINANCE_PROJECTS.includes(name));
    expect(projectRows).toHaveLength(19);
    expect(new Set(projectRows.map(([, colour]) => colour)).size).toBe(19);
    expect(new Set(rows.map(([, colour]) => colour)).size).toBe(rows.length);
    // The same project, the same colour in the chart's legend and in the table.
    const inTable = new Map(rows.map(([name, colour]) => [name, colour]));
    for (const [label, colour] of legend.filter(([label]) => FINANCE_PROJECTS.includes(label)))
      expect(inTable.get(label), label).toBe(colour);
    await page.close();
  });

  it('shows the credit as its own row, and Other as real spend only', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    const top = page.getByRole('table', { name: 'Top projects this month' });
    const rowText = async (name: RegExp) => (await top.getByRole('row', { name }).first().textContent()) ?? '';
    await expect.poll(() => rowText(/^Credits/)).toMatch(/^Credits-\$250\.00/);
    expect(await rowText(/^Other \(\d+ projects\)/)).toMatch(/^Other \(9 projects\)\$[\d,]+\.\d\d/);
    const lineItems = page.getByRole('table', { name: 'Top line items this month' });
    expect((await lineItems.getByRole('row', { name: /^Credits/ }).textContent()) ?? '').toMatch(/-\$250\.00/);
    await page.close();
  });

  it('keeps the stack order across range and grouping switches, and draws 12 months as 12 bars with totals', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    await page.getByLabel('Stack by').selectOption('project');
    const labels = async () => (await legendColours(page)).map(([label]) => label);
    await expect.poll(labels).toContain('Credits');
    const order30 = await labels();
    await page.getByRole('button', { name: '3 months' }).click();
    await page.getByLabel('Stack by').selectOption('model');
    await page.getByLabel('Stack by').selectOption('project');
    await page.getByRole('button', { name: '30 days' }).click();
    await expect.poll(labels).toEqual(order30);
    await page.getByRole('button', { name: '12 months' }).click();
    await page.getByRole('heading', { name: 'Monthly spend' }).waitFor();
    const ticks = await page.$$eval('[data-testid="daily-chart"] .recharts-xAxis-tick-labels text', (t) =>
      t.map((text) => [...text.querySelectorAll('tspan')].map((s) => s.textContent)),
    );
    // 13 months of history: the 12-month range is this month and the 11 before it, each with its total.
    expect(ticks).toHaveLength(12);
    expect(ticks[0][0]).toMatch(/ \d{4}$/); // the first month says its year
    for (const [month, total] of ticks) {
      expect(month).toMatch(/^[A-Z][a-z]{2}( \d{4})?$/);
      expect(total).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/); // the one money rule, not "$20.1K"
    }
    // One bar a month (each drawn as its stack's parts), no areas.
    expect(await page.locator('[data-testid="daily-chart"] path.stacked-area').count()).toBe(0);
    await page.getByRole('button', { name: 'Show as table' }).first().click();
    await expect.poll(() => page.getByText(/\d{4}-\d{2} \(to date\)/).count()).toBe(1);
    await page.close();
  });

  it('12 months at 720 px: no two month totals touch', async () => {
    const page = await browser.newPage({ viewport: { width: 720, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    await page.getByRole('button', { name: '12 months' }).click();
    await page.locator('[data-testid="daily-chart"] .month-total').first().waitFor();
    const boxes = await page.$$eval('[data-testid="daily-chart"] .month-total', (spans) =>
      spans
        .map((s) => s.getBoundingClientRect())
        .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
    );
    expect(boxes).toHaveLength(12);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `totals ${i} and ${j}`).toBe(false);
      }
    await page.close();
  });
});
