/**
 * In real Chromium through the harness, on seeded organisations: a project's budget is set, changed and removed
 * from its row on the dashboard (the stored budget checked through a second core on the same data, not the DOM),
 * with a failed save focusing the invalid field and focus back on the row's button on close; and removing an
 * account asks in an in-app dialog (focus in, trapped, Escape cancels, focus returned) before anything is removed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { startHarness, type Harness } from '../harness/harness-server';
import { launchChromium } from '../support/chromium';
import { seedOrganisations } from '../support/dashboard-fixtures';
import { FakeKeychain } from '../support/fake-vault';
import { pinnedToLoadDay } from '../support/clock-env';

// Fixtures for one day: the file runs at its load day's noon (CI starts one instant minutes before a new year).
const PINNED = pinnedToLoadDay();
const focused = (page: Page) =>
  page.evaluate<string>(
    `(() => { const el = document.activeElement; return (el?.getAttribute('aria-label') || el?.id && document.querySelector('label[for="' + el.id + '"]')?.textContent || el?.textContent || el?.tagName || '').trim(); })()`,
  );
const inDialog = (page: Page) => page.evaluate<boolean>(`Boolean(document.activeElement?.closest('dialog[open]'))`);

describe('budgets and account removal in the app', () => {
  let browser: Browser;
  let harness: Harness;
  let dataDir: string;
  /** What the core has stored: a core of its own over the same data dir, as the CLI would read it. */
  const stored = (accountId: string) => {
    const core = createNodeSpendwatch({ dataDir, vault: new FakeKeychain(), overrides: { clock: PINNED.clock() } });
    return {
      budget:
        core.queries.dashboard({ accountId, range: '30d', groupBy: 'model' }).accounts.find((a) => a.id === accountId)
          ?.budget ?? null,
      accounts: core.accounts.list().map((a) => a.id),
    };
  };

  beforeAll(async () => {
    dataDir = seedOrganisations(new Date(PINNED.noon));
    browser = await launchChromium();
    harness = await startHarness({ dataDir, vault: new FakeKeychain(), overrides: { clock: PINNED.clock() } });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it("sets, changes and removes a project's budget from its row on the dashboard", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${harness.url}#/?account=acc_big`);
    const row = page.getByRole('row', { name: /^Project 1\b/ });
    const set = row.getByRole('button', { name: 'Set budget for Project 1' });
    await set.click();
    const card = page.getByRole('dialog', { name: 'Budget for Project 1' });
    await card.waitFor();
    // Focus moves into the card, on the amount.
    await expect.poll(() => focused(page)).toBe('Monthly budget for Project 1 (USD)');

    // An empty amount is refused with a plain message, and focus goes to it; bad thresholds likewise.
    await card.getByRole('button', { name: 'Save budget' }).click();
    await card.getByText('Enter the project budget.', { exact: true }).waitFor();
    await expect.poll(() => focused(page)).toBe('Monthly budget for Project 1 (USD)');
    await card.getByLabel('Monthly budget for Project 1 (USD)').fill('250');
    await card.getByLabel('Alert at (% of budget)').fill('50, lots');
    await card.getByRole('button', { name: 'Save budget' }).click();
    await card.getByText('Enter thresholds as whole percentages, such as 50, 80, 100.').waitFor();
    await expect.poll(() => focused(page)).toBe('Alert at (% of budget)');
    expect(stored('acc_big').budget?.projects).toEqual({});

    await card.getByLabel('Alert at (% of budget)').fill('50, 80, 100');
    await card.getByRole('button', { name: 'Save budget' }).click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => stored('acc_big').budget?.projects).toEqual({ proj_1: 250_000_000 });
    // The row shows its progress, and focus is back on the row's (same) button.
    const change = row.getByRole('button', { name: /% of \$250\.00 — change the budget for Project 1$/ });
    await change.waitFor();
    await expect
      .poll(() =>
        page.evaluate<boolean>(`document.activeElement?.closest('tr')?.textContent?.startsWith('Project 1') ?? false`),
      )
      .toBe(true);
    await row.getByRole('meter', { name: /^Project 1: \d+% of its project budget$/ }).waitFor();

    // Change it: amount and the (shared) thresholds.
    await change.click();
    await card.waitFor();
    expect(await card.getByLabel('Monthly budget for Project 1 (USD)').inputValue()).toBe('250.00');
    await card.getByLabel('Monthly budget for Project 1 (USD)').fill('300.50');
    await card.getByLabel('Alert at (% of budget)').fill('60, 90');
    await card.getByRole('button', { name: 'Save budget' }).click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => stored('acc_big').budget?.projects).toEqual({ proj_1: 300_500_000 });
    expect(stored('acc_big').budget?.thresholds).toEqual([60, 90]);
    expect(stored('acc_big').budget?.monthlyMicros).toBe(4_000_000_000_000); // the account's own budget is untouched
    await row.getByRole('button', { name: /% of \$300\.50 — change the budget for Project 1$/ }).waitFor();

    // Escape closes the card without saving, and focus returns to the row's button.
    await row.getByRole('button', { name: /change the budget for Project 1$/ }).click();
    await card.waitFor();
    await card.getByLabel('Monthly budget for Project 1 (USD)').fill('1');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/change the budget for Project 1$/);
    expect(stored('acc_big').budget?.projects).toEqual({ proj_1: 300_500_000 });

    // Remove it.
    await row.getByRole('button', { name: /change the budget for Project 1$/ }).click();
    await card.getByRole('button', { name: 'Remove budget' }).click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => stored('acc_big').budget?.projects).toEqual({});
    await set.waitFor();
    expect(await row.getByRole('meter').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('asks before removing an account, in a dialog that holds focus; Escape cancels and nothing is removed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const nativeDialogs: string[] = [];
    page.on('dialog', (d) => {
      nativeDialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${harness.url}#/settings?section=accounts`);
    const remove = page.getByRole('button', { name: 'Remove New Org' });
    await remove.click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove New Org?' });
    await dialog.waitFor();
    await dialog.getByText(/admin key is deleted from the keychain/).waitFor();
    // Focus starts on Cancel (the safe choice) and Tab never leaves the dialog.
    await expect.poll(() => focused(page)).toBe('Cancel');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await inDialog(page)).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog(page)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('Remove New Org');
    expect(stored('acc_new').accounts).toContain('acc_new');

    // Cancel does the same.
    await remove.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('Remove New Org');
    expect(stored('acc_new').accounts).toContain('acc_new');

    // Confirmed: removed in the core, and focus on the Accounts heading (the row is gone).
    await remove.click();
    await dialog.getByRole('button', { name: 'Remove New Org', exact: true }).click();
    await expect.poll(() => stored('acc_big').accounts).not.toContain('acc_new');
    await expect.poll(() => page.getByRole('button', { name: 'Remove New Org' }).count()).toBe(0);
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('accounts-title');
    expect(nativeDialogs).toEqual([]);
    await page.close();
  });
});
