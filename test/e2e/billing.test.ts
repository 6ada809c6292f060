/**
 * Billing history's reconciliation in real Chromium through the harness, on an account synced from the fake
 * server: each month's status, "Record invoice" (a bad amount refused inline), the discrepancy and why, the
 * support case log, and "Export report" (a download equal to `spendwatch reconcile --report`).
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTLE_DAYS } from '../../src/shared/billing';
import { formatMonth } from '../../src/shared/dates';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../fake-openai/organisations';
import { launchChromium } from '../support/chromium';
import { pinnedToLoadDay } from '../support/clock-env';
import { ensureCliBuilt, runCli as runCliNow } from '../support/cli';
import { startHarnessProcess as startHarnessNow, type HarnessProcess } from '../support/harness-process';

// Fixtures are built for the day this file loads; its CLI and harness processes stay on that day (noon UTC), so
// the file may run across midnight or a month's end without comparing two days. Pages keep the run's clock.
const PINNED = pinnedToLoadDay();
const runCli = (args: string[], options: Parameters<typeof runCliNow>[1]) =>
  runCliNow(args, { ...options, env: { ...PINNED.env(), ...options.env } });
const startHarnessProcess = (env: NodeJS.ProcessEnv = {}) => startHarnessNow({ ...PINNED.env(), ...env });

const SHOTS = 'test-results';
// The machine may be busy (other test files, other builds): Playwright-like patience, not vitest's 1 s.
const POLL = { timeout: 20_000 };

/** The latest UTC month whose costs have settled (its last day at least 4 days ago). */
function closedMonth(): string {
  const today = utcDay(0, new Date(PINNED.noon));
  const back = Number(today.slice(8, 10)) >= 4 ? 1 : 2;
  return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1))
    .toISOString()
    .slice(0, 7);
}

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('billing reconciliation in the dashboard', () => {
  let browser: Browser;
  let harness: HarnessProcess;
  let server: FakeOpenAiServer;
  const key = `sk-admin-e2ebill${Date.now()}xxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-billing-'));
  const month = closedMonth();
  const label = formatMonth(month, 'en-US');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: smallOrganisation(100, new Date(PINNED.noon)) });
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
    expect((await runCli(['sync'], { home })).code).toBe(0);
    browser = await launchChromium();
    harness = await startHarnessProcess({ SPENDWATCH_HOME: home });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await runCli(['accounts', 'remove', 'Acme Prod'], { home });
    await server?.stop();
  });

  it('records an invoice, shows the discrepancy and why, logs the support case and exports the report', async () => {
    const before = JSON.parse(
      (await runCli(['reconcile', '--account', 'Acme Prod', '--month', month, '--json'], { home })).stdout,
    );
    const costs = Number(before.costs.amount);
    const total = (Math.round(costs * 100) / 100 + 5 + 2.5).toFixed(2); // $2.50 of tax and $5.00 nobody can explain

    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      colorScheme: 'light',
      locale: 'en-US',
      acceptDownloads: true,
    });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(harness.url);
    await page.getByTestId('kpi-mtd').waitFor();
    const history = page.getByRole('region', { name: 'Billing history' });
    const row = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    await expect.poll(() => row.getByText('No invoice').count(), POLL).toBe(1);
    // The running month, and in its first SETTLE_DAYS days last month too, whose last days still settle.
    const notFinal = Number(utcDay(0, new Date(PINNED.noon)).slice(8, 10)) > SETTLE_DAYS ? 1 : 2;
    await expect.poll(() => history.getByText('Not final', { exact: true }).count(), POLL).toBe(notFinal);
    await expect
      .poll(() => history.getByTestId('history-not-final').textContent(), POLL)
      .toMatch(
        notFinal === 1
          ? /^Not final: \w+ \d{4} is still running\. /
          : /^Not final: \w+ \d{4} is still running\. \w+ \d{4} can still change until \w+ \d+\. /,
      );

    await page.getByRole('button', { name: `Show details for ${label}` }).click();
    const detail = page.getByRole('region', { name: `Reconciliation of ${label}` });
    await detail.getByRole('button', { name: 'Record invoice' }).click();
    await detail.getByLabel('Invoice number', { exact: true }).fill('INV-E2E-1');
    await detail.screenshot({ path: join(SHOTS, 'billing-record-invoice-light.png') });
    await detail.getByLabel('Total (USD)', { exact: true }).fill('lots');
    await detail.getByRole('button', { name: 'Save invoice' }).click();
    await detail.getByRole('alert').filter({ hasText: 'Enter the amount in dollars, such as 1250.50.' }).waitFor();
    expect(JSON.parse((await runCli(['invoice', 'list', '--json'], { home })).stdout).invoices).toEqual([]);

    // The total is worked out (subtotal + tax − credits) when left empty; the wrong total's message goes as the
    // field is fixed, before any save.
    const subtotal = (Number(total) - 2.5).toFixed(2);
    await detail.getByLabel('Subtotal (USD)', { exact: true }).fill(subtotal);
    await detail.getByLabel('Tax (USD)', { exact: true }).fill('2.50');
    await detail.getByLabel('Total (USD)', { exact: true }).fill('');
    await expect.poll(() => detail.getByText('Enter the amount in dollars, such as 1250.50.').count(), POLL).toBe(0);
    await detail
      .getByText(`Total worked out: $${Number(total).toLocaleString('en-US', { minimumFractionDigits: 2 })}`)
      .waitFor();
    await detail.getByRole('button', { name: 'Save invoice' }).click();
    await expect.poll(() => row.getByText('Discrepancy +$5.00').count(), POLL).toBe(1);
    await detail.getByText(/Tax of \$2\.50 is on the invoice and already in the expected total/).waitFor();
    await detail
      .locator('.explanations li')
      .filter({ hasText: /^\$5\.00 unexplained: the invoice total/ })
      .waitFor();
    // What matters leads: the unexplained $5.00, said before the tax (already in "Expected").
    expect(await detail.getByTestId('reconciliation-headline').textContent()).toMatch(/^\$5\.00 unexplained: /);
    const reasons = await detail.locator('.explanations li').allTextContents();
    expect(reasons[0]).toMatch(/^\$5\.00 unexplained/);
    expect(reasons.findIndex((text) => text.startsWith('Tax of'))).toBeGreaterThan(0);
    const cli = JSON.parse(
      (await runCli(['reconcile', '--account', 'Acme Prod', '--month', month, '--json'], { home })).stdout,
    );
    expect(cli).toMatchObject({
      status: 'discrepancy',
      difference: { amount: '5.00' },
      invoice: { number: 'INV-E2E-1', tax: { amount: '2.50' }, total: { amount: total } },
    });

    const caseLog = detail.getByRole('region', { name: 'Support case' });
    await caseLog.getByLabel('Reference number', { exact: true }).fill('CASE-4242');
    await caseLog.getByLabel('Note', { exact: true }).fill('Sent the reconciliation report to support@openai.com');
    await caseLog.getByLabel('Outcome', { exact: true }).fill('Waiting for an answer');
    await caseLog.getByRole('button', { name: 'Log contact' }).click();
    await caseLog.getByRole('cell', { name: 'CASE-4242' }).waitFor();
    await caseLog.getByLabel('Case state', { exact: true }).selectOption('resolved-no-change');
    await expect
      .poll(() => caseLog.getByLabel('Case state', { exact: true }).inputValue(), POLL)
      .toBe('resolved-no-change');

    await detail.getByText('Costs by day').click();
    await history.screenshot({ path: join(SHOTS, 'billing-reconciliation-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')");
    await history.screenshot({ path: join(SHOTS, 'billing-reconciliation-dark.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      detail.getByRole('button', { name: 'Export report' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`spendwatch-reconciliation-Acme-Prod-${month}.md`);
    const report = readFileSync(await download.path(), 'utf8');
    const reportFile = join(home, 'cli-report.md');
    expect(
      (await runCli(['reconcile', '--account', 'Acme Prod', '--month', month, '--report', reportFile], { home })).code,
    ).toBe(0);
    const strip = (text: string) => text.replace(/^- Generated: .*$/m, '');
    expect(strip(report)).toBe(strip(readFileSync(reportFile, 'utf8')));
    // The report's figures are to the cent, as every sentence shows them; the exact costs are in --json.
    const toTheCent = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', roundingMode: 'halfEven' });
    expect(report).toContain(`| ${toTheCent.format(cli.costs.amount)} |`);
    expect(report).toContain(`$${total}`);
    expect(report).toContain('**$5.00**');
    expect(report).toContain('CASE-4242');
    expect(report).not.toContain(key);
    expect(problems).toEqual([]);
  });
});
