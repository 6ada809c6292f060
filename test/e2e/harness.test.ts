/**
 * The renderer in real Chromium through the browser harness: the real core in Node, the same IPC
 * contract over a token-guarded loopback WebSocket.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation } from '../fake-openai/organisations';
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

async function openDashboard(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme, locale: 'en-US' });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

const barCount = (page: Page) => page.locator('[data-testid="daily-chart"] rect.recharts-bar-rectangle').count();

describe('browser harness on demo data', () => {
  let browser: Browser;
  let harness: HarnessProcess;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    harness = await startHarnessProcess({ SPENDWATCH_HOME: mkdtempSync(join(tmpdir(), 'sw-e2e-demo-')) });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('prints exactly one line with the UI address', () => {
    expect(harness.lines).toHaveLength(1);
    expect(harness.lines[0]).toMatch(/^Spendwatch UI: http:\/\/127\.0\.0\.1:\d+\/t\/[0-9a-f]{48}\/$/);
  });

  it('renders the dashboard with demo data, a dollar figure and a chart, under the strict CSP', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems } = await openDashboard(browser, harness.url, scheme);
      await page.getByText('Demo data').waitFor();
      const mtd = await page.getByTestId('kpi-mtd').textContent();
      expect(mtd).toMatch(/^\$[\d,]+\.\d{2}$/);
      await page.locator('[data-testid="daily-chart"] .recharts-bar-rectangle').first().waitFor();
      expect(await barCount(page)).toBeGreaterThan(20);
      await page.screenshot({ path: join(SHOTS, `dashboard-demo-${scheme}.png`), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('switches the range through the bridge', async () => {
    const { page } = await openDashboard(browser, harness.url);
    await page.locator('[data-testid="daily-chart"] .recharts-bar-rectangle').first().waitFor();
    const before = await barCount(page);
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => barCount(page)).toBeLessThan(before);
    await page.close();
  });

  it('refuses a wrong token for the page and for the WebSocket', async () => {
    const wrong = harness.url.replace(/\/t\/[0-9a-f]+\//, `/t/${'0'.repeat(48)}/`);
    expect((await fetch(wrong)).status).toBe(404);
    expect((await fetch(`${wrong}__harness/bridge.js`)).status).toBe(404);
    const wsUrl = wrong.replace('http://', 'ws://') + 'ws';
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.on('open', () => resolve('open'));
      ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.on('error', (e) => resolve(`error ${e.message}`));
    });
    expect(outcome).toMatch(/401|error/);
    expect(outcome).not.toBe('open');
    const right = await new Promise<unknown>((resolve) => {
      const ws = new WebSocket(harness.url.replace('http://', 'ws://') + 'ws');
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, channel: 'listAccounts', input: {} })));
      ws.on('message', (m) => {
        resolve(JSON.parse(String(m)));
        ws.close();
      });
    });
    expect(right).toEqual({ id: 1, result: { ok: true, value: [] } });
  });
});

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))(
  'browser harness on an account synced from the fake server',
  () => {
    let browser: Browser;
    let harness: HarnessProcess;
    let server: FakeOpenAiServer;
    const key = `sk-admin-e2e${Date.now()}xxxxxxxxxxxxxxxx`;
    const home = mkdtempSync(join(tmpdir(), 'sw-e2e-acct-'));

    beforeAll(async () => {
      ensureCliBuilt();
      server = new FakeOpenAiServer({ [key]: smallOrganisation(60, new Date(PINNED.noon)) });
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

    it('shows the same figures as `spendwatch status --json`, without the demo badge', async () => {
      const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
      const account = status.accounts[0];
      // The dashboard's money rule (src/renderer/format.ts): 2 decimals, half-even; a non-zero amount that would
      // round to $0.00 reads "<$0.01".
      const usd = (amount: string) =>
        Number(amount) !== 0 && Math.abs(Number(amount)) <= 0.005
          ? '<$0.01'
          : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', roundingMode: 'halfEven' }).format(
              amount as unknown as number,
            );
      const { page, problems } = await openDashboard(browser, harness.url);
      await expect.poll(() => page.getByTestId('kpi-mtd').textContent()).toBe(usd(account.monthToDate.amount));
      expect(await page.getByRole('article', { name: 'Today' }).locator('.kpi-value').textContent()).toBe(
        usd(account.today.amount),
      );
      expect(await page.getByRole('article', { name: 'Month-end forecast' }).locator('.kpi-value').textContent()).toBe(
        usd(account.forecast.amount),
      );
      const projects = page.getByRole('region', { name: 'Top projects this month' });
      for (const p of account.byProject as { name: string; amount: string }[]) {
        const row = projects
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: p.name, exact: true }) });
        expect(await row.getByRole('cell').first().textContent()).toBe(usd(p.amount));
      }
      expect(await page.getByText('Demo data').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'dashboard-account-light.png'), fullPage: true });
      expect(problems).toEqual([]);
    });

    it('exports the same CSV as `spendwatch export` (a download in the browser)', async () => {
      const cli = await runCli(['export', '--format', 'csv'], { home });
      const { page } = await openDashboard(browser, harness.url);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^spendwatch-all-accounts-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(await download.path(), 'utf8')).toBe(cli.stdout);
      await page.getByRole('status').filter({ hasText: 'Downloaded' }).waitFor();
    });

    it('a budget set on the dashboard raises an alert: a native notification and an entry in the alert centre', async () => {
      // A budget the month to date has used more than half of (and less than 80%) on any day of the month: on
      // the 1st, a few hours of spend; late in the month, weeks of it.
      const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
      const budget = Math.max(1, Math.floor(Number(status.accounts[0].monthToDate.amount) / 0.6));
      const { page, problems } = await openDashboard(browser, harness.url);
      await page.getByRole('button', { name: 'Set a budget' }).click();
      await page.getByLabel('Monthly budget (USD)').fill(String(budget));
      await page.getByLabel('Alert at (% of budget)').fill('50, 80, 100');
      await page.getByRole('button', { name: 'Save budget' }).click();
      await expect.poll(() => page.getByText(/% used$/).count()).toBe(1);
      const recorded = async () =>
        (await (await fetch(`${harness.url}__harness/recorded`)).json()) as {
          notifications: { title: string; body: string }[];
          tray: { state: string }[];
        };
      await expect
        .poll(async () => (await recorded()).notifications.map((n) => n.title))
        .toContain('Acme Prod: 50% of budget used');
      const note = (await recorded()).notifications.find((n) => n.title === 'Acme Prod: 50% of budget used')!;
      // By the one money rule: "$1,234.00", thousands separated, 2 decimals (worked out here with Intl, not our code).
      const budgetText = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(budget);
      expect(note.body).toMatch(
        new RegExp(
          `^Acme Prod has used 50% of its ${budgetText.replace(/[$.]/g, '\\$&')} \\w+ budget \\(\\$\\d{1,3}(,\\d{3})*\\.\\d{2}\\)\\.`,
        ),
      );
      await expect.poll(() => page.getByRole('button', { name: /Alerts, [1-9]\d* unread/ }).count()).toBe(1);
      await page.getByRole('button', { name: /Alerts, \d+ unread/ }).click();
      const centre = page.getByRole('dialog', { name: 'Alert centre' });
      await expect.poll(() => centre.getByText('Acme Prod: 50% of budget used').count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'alert-centre-light.png'), fullPage: true });
      await centre.getByRole('button', { name: 'Mark all read' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Alerts, 0 unread' }).count()).toBe(1);
      expect(problems).toEqual([]);
    });
  },
);
