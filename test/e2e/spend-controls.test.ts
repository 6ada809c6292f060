/**
 * OpenAI's spend controls in real Chromium through the harness: an enforcing hard limit learned by a sync
 * shows on the budget card (with the notice that it differs from the budget) and turns the tray red; a
 * change is confirmed with its consequence and reaches the fake OpenAI in cents; Settings lists the
 * email alerts. Screenshots light and dark.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation } from '../fake-openai/organisations';
import { launchChromium } from '../support/chromium';
import { ensureCliBuilt, runCli } from '../support/cli';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

const SHOTS = 'test-results';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('OpenAI spend controls in the browser', () => {
  let browser: Browser;
  let harness: HarnessProcess;
  let server: FakeOpenAiServer;
  const org = smallOrganisation(30);
  const key = `sk-admin-e2elimit${Date.now()}xxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-limit-'));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureCliBuilt();
    org.spendControls = {
      limits: { org: { cents: 75_000, enforcing: true } },
      alerts: { org: [{ id: 'spend_alert_e2e', cents: 40_000, recipients: ['ops@example.com'] }] },
    };
    server = new FakeOpenAiServer({ [key]: org });
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
    expect((await runCli(['budget', 'set', '--account', 'Acme Prod', '--monthly', '500'], { home })).code).toBe(0);
    const sync = JSON.parse((await runCli(['sync', '--json'], { home })).stdout);
    expect(sync.alerts.map((a: { kind: string }) => a.kind)).toContain('openai-limit-enforcing');
    browser = await launchChromium();
    harness = await startHarnessProcess({ SPENDWATCH_HOME: home });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await runCli(['accounts', 'remove', 'Acme Prod'], { home });
    await server?.stop();
  });

  const open = async (hash: string, colorScheme: 'light' | 'dark') => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, colorScheme, locale: 'en-US' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${harness.url}${hash}`);
    return { page, problems };
  };

  it('shows the enforcing limit beside the budget, and the difference, on the budget card', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems } = await open('#/', scheme);
      const card = page.getByRole('article', { name: 'Budget' });
      await card.getByText('Enforcing — OpenAI is rejecting API requests').waitFor();
      expect(await card.getByText(/OpenAI hard limit for Acme Prod/).textContent()).toContain('$750.00');
      await card.getByText("OpenAI's hard limit ($750.00) differs from your Spendwatch budget ($500.00).").waitFor();
      await page.screenshot({ path: join(SHOTS, `openai-limit-card-${scheme}.png`), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('changes the limit only after a confirmation stating the consequence, in cents at OpenAI, and the tray follows', async () => {
    const { page, problems } = await open('#/', 'light');
    const card = page.getByRole('article', { name: 'Budget' });
    await card.getByText('Manage at OpenAI').click();
    await card.getByRole('button', { name: 'Change OpenAI limit' }).click();
    await card.getByLabel('OpenAI hard limit (USD a month)').fill('600');
    await card.getByRole('button', { name: 'Review limit' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm change at OpenAI' });
    expect(await dialog.textContent()).toContain(
      'OpenAI will reject API requests for Acme Prod once $600.00 is spent this month.',
    );
    await page.screenshot({ path: join(SHOTS, 'openai-limit-confirm-light.png'), fullPage: true });
    expect(org.spendControls!.limits.org.cents).toBe(75_000);
    await dialog.getByRole('button', { name: 'Set OpenAI limit to $600.00' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved at OpenAI.' }).waitFor();
    expect(server.requests.filter((r) => r.method === 'POST').at(-1)).toMatchObject({
      path: '/v1/organization/spend_limit',
      body: { threshold_amount: 60_000, currency: 'USD', interval: 'month' },
    });
    // OpenAI answered with the new limit, not enforcing: the badge goes and the tray is no longer red for it.
    await expect.poll(() => card.getByText('Enforcing — OpenAI is rejecting API requests').count()).toBe(0);
    const recorded = (await (await fetch(`${harness.url}__harness/recorded`)).json()) as {
      tray: { state: string; lines: string[] }[];
    };
    expect(recorded.tray.at(-1)!.lines.some((l) => l.startsWith('OpenAI is blocking'))).toBe(false);
    expect(problems).toEqual([]);
  });

  it('lists the email alerts in Settings › Budgets & alerts, fresh from OpenAI', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems } = await open('#/settings?section=budgets', scheme);
      const section = page.getByRole('region', { name: 'Budgets & alerts' });
      await section.getByText('Email at $400.00 → ops@example.com').waitFor();
      await section.getByRole('button', { name: 'Mirror this budget to OpenAI' }).waitFor();
      await section.screenshot({ path: join(SHOTS, `openai-limit-settings-${scheme}.png`) });
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('lays out Settings › Budgets & alerts as rows: each project limit action beside its name, one quiet-hours setting', async () => {
    for (const width of [1280, 720]) {
      const page = await browser.newPage({ viewport: { width, height: 1000 }, locale: 'en-US' });
      await page.goto(`${harness.url}#/settings?section=budgets`);
      const section = page.getByRole('region', { name: 'Budgets & alerts' });
      const limits = section.getByRole('region', { name: 'OpenAI project limits' });
      const rows = limits.getByRole('row').filter({ has: page.getByRole('rowheader') });
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(0);
      for (const row of await rows.all()) {
        const name = (await row.getByRole('rowheader').textContent())!.trim();
        // The action is in its project's row, named for it, and drawn beside the name (same line, near it).
        const action = row.getByRole('button', { name: new RegExp(`^(Set|Change) limit for ${name}$`) });
        const [nameBox, actionBox] = [await row.getByRole('rowheader').boundingBox(), await action.boundingBox()];
        expect(Math.abs(nameBox!.y + nameBox!.height / 2 - (actionBox!.y + actionBox!.height / 2))).toBeLessThan(12);
        expect(actionBox!.x - (nameBox!.x + nameBox!.width)).toBeLessThan(400);
      }
      // One quiet-hours setting for every alert; each kind's own settings wait behind a disclosure.
      await section.getByRole('checkbox', { name: 'Quiet hours for every alert' }).waitFor();
      const ownKind = section.getByRole('checkbox', { name: 'Quiet hours for Unusual spend (spikes)' });
      expect(await ownKind.isVisible()).toBe(false);
      await section.getByText('Each kind of alert: snooze it, or give it quiet hours of its own').click();
      await ownKind.waitFor();
      await page.close();
    }
  });
});
