/**
 * In real Chromium through the harness, on the large organisation (test/support/finance-organisation.ts: 19
 * projects, a credit, a spike, an $18,000 budget with a forecast over it, an invoice $100 off, an Anthropic
 * organisation): the text of every screen follows the one money rule (src/shared/money-text.ts) — the dashboard
 * of each account and of all accounts with every chart also shown as a table and every list open, Billing history
 * with a month's reconciliation open, and every Settings section. The exact figure is only on hover: every
 * figure's title reads "Exact: …".
 *
 * Left out (and only these): recharts' off-screen span that measures tick labels, and the chart axis tick labels,
 * on purpose: they are not sentences but an axis's scale, with their own rule
 * (src/renderer/lib/format.ts, `moneyAxis`: "$250K", "$0.002" — as many digits as the step needs, so a cents-only
 * axis never reads "$0.00, $0.00, $0.01").
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMoneyLocale } from '../../src/shared/money-text';
import { startHarness, type Harness } from '../harness/harness-server';
import { launchChromium } from '../support/chromium';
import { FakeKeychain } from '../support/fake-vault';
import { FINANCE_INVOICE, FINANCE_NOW, seedFinanceOrganisations } from '../support/finance-organisation';
import { moneyViolations, spacingViolations } from '../support/money-scan';
import { createLoopbackSpendwatch } from '../support/test-spendwatch';
import { TestClock } from '../support/test-clock';

/** The page's rendered text without the charts' axis tick labels and their measuring span (see above). Runs in the page. */
const SCREEN_TEXT = `(() => {
  const ticks = [...document.querySelectorAll('.recharts-cartesian-axis-tick-value, #recharts_measurement_span')].map((tick) => {
    const mark = document.createComment('tick');
    tick.replaceWith(mark);
    return [mark, tick];
  });
  const text = document.body.innerText;
  for (const [mark, tick] of ticks) mark.replaceWith(tick);
  return text;
})()`;
/** The titles (hover text) of the figures on the page. Runs in the page. */
const TITLES = `[...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title'))`;

describe('one money rule on every screen (large organisation, Chromium)', () => {
  let browser: Browser;
  let harness: Harness;
  const screens: Record<string, string> = {};
  const titles: string[] = [];
  const monthTotals: string[] = [];

  const read = async (page: Page, name: string) => {
    screens[name] = await page.evaluate<string>(SCREEN_TEXT);
    titles.push(...(await page.evaluate<string[]>(TITLES)));
  };

  /** Every chart as a table, every "Show all" list open. */
  const openEverything = async (page: Page) => {
    const closed = page.getByRole('button', { name: /^Show (as table|all )/ });
    for (let guard = 0; (await closed.count()) > 0 && guard < 30; guard++) await closed.first().click();
  };

  beforeAll(async () => {
    const dataDir = seedFinanceOrganisations();
    const clock = new TestClock(new Date(FINANCE_NOW));
    // The invoice, $100 off what the costs, tax and credits explain, recorded as the app would.
    setMoneyLocale('en-US');
    const seeding = createLoopbackSpendwatch({ dataDir, vault: new FakeKeychain(), clock });
    const costs = seeding.billing.reconcile('Finance Org', FINANCE_INVOICE.month).costsMicros;
    seeding.billing.recordInvoice({
      ...FINANCE_INVOICE,
      totalMicros: costs + FINANCE_INVOICE.taxMicros - FINANCE_INVOICE.creditsMicros + 100_000_000,
    });
    seeding.alerts.evaluate();
    browser = await launchChromium();
    harness = await startHarness({ dataDir, vault: new FakeKeychain(), overrides: { clock } });

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    for (const account of ['acc_fin', 'acc_claude', 'all']) {
      await page.goto(`${harness.url}#/?account=${account}`);
      await page.getByTestId('kpi-mtd').waitFor();
      await page.locator('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value').first().waitFor();
      await openEverything(page);
      await read(page, `dashboard ${account}`);
    }
    // 12 months: a bar a month, its total written under its month is a figure like any other (not an axis tick).
    await page.goto(`${harness.url}#/?account=acc_fin`);
    await page.getByTestId('kpi-mtd').waitFor();
    await page.getByRole('button', { name: '12 months' }).click();
    await page.getByRole('heading', { name: 'Monthly spend' }).waitFor();
    await page.locator('[data-testid="daily-chart"] .month-total').first().waitFor();
    monthTotals.push(...(await page.locator('[data-testid="daily-chart"] .month-total').allTextContents()));
    await read(page, 'dashboard 12 months');
    // Billing history of the OpenAI organisation, November's reconciliation open.
    await page.goto(`${harness.url}#/?account=acc_fin`);
    await page.getByTestId('kpi-mtd').waitFor();
    await page.getByRole('button', { name: 'Show details for November 2026' }).click();
    const detail = page.getByRole('region', { name: 'Reconciliation of November 2026' });
    await detail.getByText(/nothing Spendwatch knows explains it/).waitFor();
    for (const summary of await detail.locator('summary').all()) await summary.click();
    await read(page, 'billing');
    // The alert centre.
    await page.getByRole('button', { name: /alert/i }).first().click();
    await page.getByRole('dialog', { name: 'Alert centre' }).waitFor();
    await read(page, 'alert centre');
    for (const section of [
      'accounts',
      'budgets',
      'payment-methods',
      'payment-guide',
      'credits',
      'troubleshooting',
      'general',
    ]) {
      await page.goto(`${harness.url}#/settings?section=${section}`);
      await page.locator('nav[aria-label="Settings sections"] a[aria-current="page"]').waitFor();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await read(page, `settings ${section}`);
    }
    await page.close();
  }, 240_000);
  afterAll(async () => {
    setMoneyLocale(undefined);
    await browser?.close();
    await harness?.close();
  });

  it('the screens show the organisation (figures above $1,000, the $100 nobody explains)', () => {
    expect(screens['dashboard acc_fin']).toMatch(/\$\d{2},\d{3}\.\d{2}/);
    expect(screens.billing).toContain('$100.00');
    expect(screens['alert centre']).toMatch(/\$18,000\.00/);
  });

  it('every figure on every screen follows the rule; no two spaces in a row', () => {
    for (const [name, text] of Object.entries(screens)) {
      expect(text.length, name).toBeGreaterThan(0);
      expect(moneyViolations(text), name).toEqual([]);
      expect(spacingViolations(text), name).toEqual([]);
    }
  });

  it("12 months: each month's total under its bar follows the rule too", () => {
    expect(monthTotals).toHaveLength(12);
    for (const total of monthTotals) expect(total).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(moneyViolations(monthTotals.join(' '))).toEqual([]);
  });

  it('the exact figures are on hover', () => {
    const exact = titles.filter((t) => t.startsWith('Exact: '));
    expect(exact.length).toBeGreaterThan(50);
    expect(exact.some((t) => /\.\d{3,6}$/.test(t))).toBe(true);
  });
});
