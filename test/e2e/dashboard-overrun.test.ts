/**
 * In real Chromium through the harness, at a fixed instant (Dec 10, 2026, noon UTC) on the seeded organisations:
 * the budget card and the forecast card say an overrun plainly (red, in words, the meter not green), the tray says
 * it too, and none of it shows once the budget is well above the forecast; "All accounts" with one budget shows
 * that account's budget and its state instead of "No budget set".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import type { Clock } from '../../src/main/core/ports';
import { startHarness, type Harness } from '../harness/harness-server';
import { launchChromium } from '../support/chromium';
import { seedOrganisations } from '../support/dashboard-fixtures';
import { FakeKeychain } from '../support/fake-vault';

const NOON = '2026-12-10T12:00:00Z';
const clock = (): Clock => {
  const start = performance.now();
  return { now: () => new Date(Date.parse(NOON) + (performance.now() - start)) };
};
// The figures as a person reads them, by Intl directly (not our formatter): 2 decimals, thousands separators.
const dollars = (micros: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(micros / 1_000_000);
const BIG_BUDGET = 4_000_000_000_000; // the fixture's $4,000,000.00 for Acme Prod

describe('overrun warnings in the app', () => {
  let browser: Browser;
  let harness: Harness;
  let dataDir: string;
  /** A core of its own over the same data dir: changes budgets as the CLI would, and reads the forecast. */
  const core = () => createNodeSpendwatch({ dataDir, vault: new FakeKeychain(), overrides: { clock: clock() } });
  const open = async (account: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${harness.url}#/?account=${account}`);
    await page.getByRole('heading', { name: 'Month-end forecast' }).waitFor();
    await page.getByTestId('kpi-mtd').waitFor();
    return page;
  };
  const budgetCard = (page: Page) => page.locator('article[aria-labelledby="kpi-budget"]');
  // The budget card's meter bounds, read in the page (the DOM types are not in this file's compiler scope).
  const meterOf = (page: Page) =>
    page.evaluate<{ value: number; low: number; high: number; optimum: number }>(
      `(() => { const m = document.querySelector('article[aria-labelledby="kpi-budget"] meter'); return { value: m.value, low: m.low, high: m.high, optimum: m.optimum }; })()`,
    );
  const forecastCard = (page: Page) => page.locator('article[aria-labelledby="kpi-forecast"]');

  beforeAll(async () => {
    dataDir = seedOrganisations(new Date(NOON));
    browser = await launchChromium();
    harness = await startHarness({ dataDir, vault: new FakeKeychain(), overrides: { clock: clock() } });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('says an overrunning organisation will overrun, on the budget and forecast cards and in the tray', async () => {
    const kpis = core().queries.dashboard({ accountId: 'acc_big', range: '30d', groupBy: 'model' }).kpis;
    // The fixture's month: about $1.4M spent by the 10th, on pace for about $4.5M against $4M.
    expect(kpis.forecastMicros).toBeGreaterThan(BIG_BUDGET);
    expect(kpis.monthToDateMicros).toBeLessThan(BIG_BUDGET);
    const over = kpis.forecastMicros! - BIG_BUDGET;
    const page = await open('acc_big');

    const note = budgetCard(page).getByTestId('overrun');
    await note.waitFor();
    expect(await note.getAttribute('data-level')).toBe('over');
    const text = (await note.textContent())!;
    expect(text).toContain('Over budget:');
    expect(text).toContain(`On pace for ${dollars(kpis.forecastMicros!)} — ${dollars(over)} over`);
    // The crossing day is in December, after today and no later than the 31st.
    const crossing = /crosses the budget around Dec (\d+)$/.exec(text);
    expect(crossing).not.toBeNull();
    expect(Number(crossing![1])).toBeGreaterThan(10);
    expect(Number(crossing![1])).toBeLessThanOrEqual(31);
    // Not green: the meter's value is past its "high" bound (red), though little of the budget is used yet.
    const meter = await meterOf(page);
    // (HTML's meter: red, "even less good", needs the optimum below `low` and the value past `high`.)
    expect(meter.optimum).toBeLessThan(meter.low);
    expect(meter.value).toBeGreaterThan(meter.high);
    // Red by its own style, not the card's default text colour.
    const colours = await page.evaluate<{ colour: string; card: string }>(
      `(() => { const el = document.querySelector('[data-testid="overrun"]'); return { colour: getComputedStyle(el).color, card: getComputedStyle(el.closest('article')).color }; })()`,
    );
    expect(colours.colour).not.toBe(colours.card);

    const forecastNote = forecastCard(page).getByTestId('forecast-overrun');
    await expect
      .poll(() => forecastNote.textContent())
      .toBe(`Over budget: ${dollars(over)} over the ${dollars(BIG_BUDGET)} budget`);

    // The tray says it in words too, on Acme Prod's own line.
    const tray = harness.recorded.tray.at(-1)!;
    expect(tray.state).toBe('warning');
    expect(tray.lines).toContainEqual(
      expect.stringMatching(
        /^Acme Prod: On pace for \$[\d,]+\.\d\d — \$[\d,]+\.\d\d over, crosses the budget around Dec \d+$/,
      ),
    );
    await page.close();
  });

  it('lists the budgets that exist on All accounts, with the overrun per account, instead of "No budget set"', async () => {
    const c = core();
    for (const id of ['acc_cents', 'acc_revoked', 'acc_new']) c.budgets.set(id, null);
    const page = await open('all');
    const card = budgetCard(page);
    const line = card.getByTestId('account-budget');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.textContent()).toMatch(/^Acme Prod: [\d.]+% of \$4,000,000\.00Over budget: On pace for /);
    expect(await card.getByText('No budget set').count()).toBe(0);
    await card.getByText('3 accounts have no budget. Pick one account to set its budget.').waitFor();
    await page.close();
  });

  it('says nothing of the kind when the forecast is well under the budget', async () => {
    core().budgets.set('acc_big', {
      monthlyMicros: 10_000_000_000_000,
      thresholds: [50, 80, 100],
      dailyMicros: null,
      projects: {},
    });
    const page = await open('acc_big');
    const card = budgetCard(page);
    await card.getByText('of $10,000,000.00 this month').waitFor();
    expect(await page.getByTestId('overrun').count()).toBe(0);
    expect(await page.getByTestId('forecast-overrun').count()).toBe(0);
    expect(await page.getByText(/On pace for/).count()).toBe(0);
    // The meter is in its calm (optimum) region.
    const meter = await meterOf(page);
    expect(meter.value).toBeLessThan(meter.low);
    await page.close();
  });
});
