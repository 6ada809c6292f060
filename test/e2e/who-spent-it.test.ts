/**
 * In real Chromium through the harness, on an organisation with API keys, users and quantities synced from the
 * fake OpenAI server: the daily chart stacked by API key and filtered to one project shows only that project's
 * keys, whose table adds up to that project's billed spend (worked out from the fake's rows); the "Who spent it"
 * panel shows the unit prices the fake billed and savings hints; axe finds nothing serious in either.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { attributedOrganisation } from '../fake-openai/organisations';
import { startHarness, type Harness } from '../harness/harness-server';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { pinnedToLoadDay } from '../support/clock-env';
import { expectedSumMicros, microsText } from '../support/expected-money';
import { FakeKeychain } from '../support/fake-vault';

const PINNED = pinnedToLoadDay();
const KEY = `sk-admin-${'e'.repeat(24)}`;

describe('who spent it, in the app', () => {
  let browser: Browser;
  let harness: Harness;
  let server: FakeOpenAiServer;
  const org = attributedOrganisation(60, new Date(PINNED.noon));

  beforeAll(async () => {
    server = new FakeOpenAiServer({ [KEY]: org });
    const baseUrl = await server.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-who-e2e-'));
    const vault = new FakeKeychain();
    const core = createNodeSpendwatch({ dataDir, vault, emit: () => undefined, overrides: { clock: PINNED.clock() } });
    await core.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: KEY });
    await core.sync.run();
    browser = await launchChromium();
    harness = await startHarness({ dataDir, vault, overrides: { clock: PINNED.clock() } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await server?.stop();
  });

  it('filters the chart to one project, stacked by its API keys, adding up to its billed spend', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(harness.url);
    await page.getByTestId('kpi-mtd').waitFor();
    const daily = page.getByRole('region', { name: /Daily spend/ });
    await page.getByLabel('Stack by').selectOption('api_key');
    await page.getByRole('combobox', { name: /^Project/ }).selectOption({ label: 'Web app' });
    await daily.getByText('Filtered: these charts show only the chosen project').waitFor();
    const legend = daily.locator('.chart-legend').first();
    await expect.poll(async () => (await legend.textContent()) ?? '').toContain('Web backend (production)');
    expect(await legend.textContent()).toContain("Ada's laptop");
    expect(await legend.textContent()).not.toContain('Nightly batch');

    // Each UTC day's total: that day's proj_web rows summed exactly, rounded once (worked out from the fake's rows).
    await daily.getByRole('button', { name: 'Show as table' }).click();
    const table = daily.getByRole('region', { name: 'Daily spend by UTC day' });
    await table.waitFor();
    const today = PINNED.noon.slice(0, 10);
    // Shown figures round half-even, from the exact decimal string (a float such as 16.285 would not round exactly).
    const usd = (micros: bigint) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', roundingMode: 'halfEven' }).format(
        microsText(micros) as unknown as number,
      );
    const days = Object.keys(org.costs).filter((day) => day > addDays(today, -30) && day <= today);
    expect(days.length).toBeGreaterThan(20);
    for (const day of days) {
      const expected = usd(
        expectedSumMicros(org.costs[day].filter((r) => r.projectId === 'proj_web').map((r) => r.value)),
      );
      const cells = await table
        .getByRole('row', { name: new RegExp(`^${day}`) })
        .getByRole('cell')
        .allTextContents();
      expect(cells.at(-1), day).toBe(expected);
    }
    expect(await seriousViolations(page, '.panel')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the unit prices billed and savings hints, estimates labelled as such', async () => {
    const page = await browser.newPage({ viewport: { width: 720, height: 900 }, locale: 'en-US', colorScheme: 'dark' });
    await page.goto(harness.url);
    const panel = page.getByRole('region', { name: /Who spent it/ });
    await panel.waitFor();
    const prices = panel.getByRole('table', { name: /cost divided by its quantity/ });
    // The fake bills gpt-4o input at $2.50 and output at $10 per 1M tokens.
    await expect
      .poll(
        async () => (await prices.getByRole('row', { name: /gpt-4o-2024-08-06, input\b(?! \()/ }).textContent()) ?? '',
      )
      .toContain('$2.50 / 1M tokens');
    expect(await prices.getByRole('row', { name: /gpt-4o-2024-08-06, output\b(?! \()/ }).textContent()).toContain(
      '$10.00 / 1M tokens',
    );
    await panel.getByRole('heading', { name: 'Savings (estimated)' }).waitFor();
    expect(await panel.getByText(/Batch API/).count()).toBeGreaterThan(0);
    await page.getByLabel('Stack by').selectOption('user');
    await page.getByText(/Estimated: usage by user/).waitFor();
    expect(await seriousViolations(page, '.insights')).toEqual([]);
    await page.close();
  });
});
