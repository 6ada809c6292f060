/**
 * axe-core in real Chromium, light and dark: the dashboard (every chart also shown as a table), the alert
 * centre open, on the demo and on seeded organisations (a revoked key, one never synced, 24 projects, a
 * cents-only org). 0 serious or critical violations. Also: the alert centre's focus (in, trapped, back on
 * Escape). Settings sections: see the SETTINGS block at the end, for the pass that reworks Settings.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { seedOrganisations } from '../support/dashboard-fixtures';
import { pinnedToLoadDay } from '../support/clock-env';
import { startHarness, type Harness } from '../harness/harness-server';
import { FakeKeychain } from '../support/fake-vault';

// Fixtures for one day: the file runs at its load day's noon (CI starts one instant minutes before a new year).
const PINNED = pinnedToLoadDay();

const SCHEMES = ['light', 'dark'] as const;

/** Runs in the page: WCAG contrast of every SVG text in the charts against its panel's background. */
const CONTRAST_OF_SVG_TEXT = `(() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return [...document.querySelectorAll('.chart svg text')].filter((t) => t.textContent.trim()).map((t) => {
    const fill = getComputedStyle(t).fill;
    const background = getComputedStyle(t.closest('.panel')).backgroundColor;
    const [a, b] = [lum(fill), lum(background)].sort((x, y) => y - x);
    return { text: t.textContent, fill, background, ratio: (a + 0.05) / (b + 0.05) };
  });
})()`;

async function openDashboard(browser: Browser, url: string, colorScheme: 'light' | 'dark') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme, locale: 'en-US' });
  await page.goto(url);
  await page.locator('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value').first().waitFor();
  return page;
}

/** Every chart also as a table, and every "Show all" list open: axe checks them too. */
async function openEveryTable(page: Page) {
  // Each button is renamed once clicked ("Hide table", "Show top 10"), so the first match is always a new one.
  const closed = page.getByRole('button', { name: /^Show (as table|all )/ });
  for (let guard = 0; (await closed.count()) > 0 && guard < 20; guard++) await closed.first().click();
  await page.getByRole('table', { name: 'Daily spend by UTC day' }).waitFor();
}

// In-process harness without the scheduler: the seeded states (a revoked key, an account never synced) stay
// exactly as seeded instead of being replaced by the result of a sync attempt.
describe.each([
  ['the demo', () => mkdtempSync(join(tmpdir(), 'sw-a11y-demo-'))],
  ['seeded organisations', () => seedOrganisations(new Date(PINNED.noon))],
])('accessibility on %s', (name, dataDir) => {
  let browser: Browser;
  let harness: Harness;

  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startHarness({
      dataDir: dataDir(),
      vault: new FakeKeychain(),
      overrides: { clock: PINNED.clock() },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it.each(SCHEMES)(
    'the dashboard with every chart as a table has no serious or critical violations (%s)',
    async (scheme) => {
      const page = await openDashboard(browser, harness.url, scheme);
      await openEveryTable(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it.each(SCHEMES)('the alert centre, open, has no serious or critical violations (%s)', async (scheme) => {
    const page = await openDashboard(browser, harness.url, scheme);
    await page.getByRole('button', { name: /^Alerts/ }).click();
    await page.getByRole('dialog', { name: 'Alert centre' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each(SCHEMES)(
    'every piece of chart text is at least 4.5:1 against its own background: axes, legend, tooltip (%s)',
    async (scheme) => {
      const page = await openDashboard(browser, harness.url, scheme);
      // SVG text (axis ticks, the budget label): axe does not judge it, so measure fill against the panel.
      const ratios = (await page.evaluate(CONTRAST_OF_SVG_TEXT)) as {
        text: string;
        fill: string;
        background: string;
        ratio: number;
      }[];
      expect(ratios.length).toBeGreaterThan(5);
      for (const r of ratios) expect(r.ratio, `${r.text}: ${r.fill} on ${r.background}`).toBeGreaterThanOrEqual(4.5);
      // The legend is HTML (axe checks it with the page); the tooltip only exists on hover.
      // Over the chart's plot, low enough to be on a bar whatever its height (a day's stack is drawn as one bar).
      await page.locator('[data-testid="daily-chart"] .recharts-bar-rectangle').first().waitFor();
      // The key figures above can be tall (All accounts' budgets): bring the chart into the viewport to hover it.
      await page.getByTestId('daily-chart').scrollIntoViewIfNeeded();
      const chart = (await page.getByTestId('daily-chart').boundingBox())!;
      await page.mouse.move(chart.x + chart.width * 0.5, chart.y + chart.height * 0.85);
      await page.locator('.chart-tooltip').waitFor();
      expect(await seriousViolations(page, '.chart-tooltip')).toEqual([]);
      expect(await page.locator('.chart-tooltip .chart-tooltip-heading').textContent()).toMatch(
        /\(UTC\) — total \$[\d,]+\.\d{2}$/,
      );
      await page.close();
    },
  );

  it('opens Settings at the Accounts section from the banner or the first-run call to action', async () => {
    const page = await openDashboard(browser, harness.url, 'light');
    const action =
      name === 'the demo'
        ? page.getByRole('link', { name: 'Connect your OpenAI organization' })
        : page.getByRole('alert').filter({ hasText: 'Old Team' }).getByRole('link', { name: 'Fix in Settings' });
    await action.click();
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/settings\?section=accounts$/);
    await page.close();
  });

  it('the alert centre takes focus, keeps it while open, and gives it back to the Alerts button on Escape and on a click outside', async () => {
    const page = await openDashboard(browser, harness.url, 'light');
    const opener = page.getByRole('button', { name: /^Alerts/ });
    const focused = () =>
      page.evaluate<string>(
        `document.activeElement?.closest('[role="dialog"]') ? 'dialog' : document.activeElement?.tagName`,
      );
    const focusedControls = () =>
      page.evaluate<string | null>(`document.activeElement?.getAttribute('aria-controls') ?? null`);
    await opener.click();
    expect(await focused()).toBe('dialog');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('dialog');
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('dialog');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: 'Alert centre' }).count()).toBe(0);
    expect(await focusedControls()).toBe('alert-panel');
    await opener.click();
    await page.getByRole('heading', { name: 'Daily spend' }).click();
    expect(await page.getByRole('dialog', { name: 'Alert centre' }).count()).toBe(0);
    expect(await focusedControls()).toBe('alert-panel');
    await page.close();
  });
});

// ─── SETTINGS ────────────────────────────────────────────────────────────────────────────────────────────
// Settings shows one section at a time: every section is audited, light and dark, on seeded organisations
// (budgets, a revoked key, an account never synced) and on a first run with no account.
const SETTINGS_SECTIONS = [
  ['accounts', 'Accounts'],
  ['budgets', 'Budgets & alerts'],
  ['payment-methods', 'Payment methods'],
  ['payment-guide', 'Update your payment method'],
  ['credits', 'Credits & balance'],
  ['troubleshooting', 'Payment troubleshooting'],
  ['general', 'General'],
] as const;

describe.each([
  ['seeded organisations', () => seedOrganisations(new Date(PINNED.noon))],
  ['a first run', () => mkdtempSync(join(tmpdir(), 'sw-a11y-settings-'))],
])('accessibility of Settings on %s', (_name, dataDir) => {
  let browser: Browser;
  let harness: Harness;

  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startHarness({
      dataDir: dataDir(),
      vault: new FakeKeychain(),
      overrides: { clock: PINNED.clock() },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  for (const [section, heading] of SETTINGS_SECTIONS) {
    it.each(SCHEMES)(`Settings › ${heading} has no serious or critical violations (%s)`, async (scheme) => {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
        colorScheme: scheme,
        locale: 'en-US',
      });
      await page.goto(`${harness.url}#/settings?section=${section}`);
      await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
      expect(
        await page.locator('nav[aria-label="Settings sections"] a[aria-current="page"]').getAttribute('href'),
      ).toBe(`#/settings?section=${section}`);
      // One section at a time: no other section's heading is on the page.
      for (const [, other] of SETTINGS_SECTIONS)
        if (other !== heading)
          expect(await page.getByRole('heading', { level: 2, name: other, exact: true }).count()).toBe(0);
      if (section === 'budgets' && _name === 'seeded organisations')
        await page.getByRole('heading', { name: /^Project budgets for / }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      if (section === 'payment-methods') {
        // The add form too, with the keychain opt-in open: every field a card can have.
        await page.getByRole('button', { name: 'Add a payment method' }).click();
        await page.getByLabel(/Also keep the full card number/).check();
        await page.getByLabel('Card number', { exact: true }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
      }
      await page.close();
    });
  }

  it('fits every section in a 720 px window: tabs instead of the sidebar, nothing wider than the page', async () => {
    const page = await browser.newPage({ viewport: { width: 720, height: 900 }, locale: 'en-US' });
    for (const [section, heading] of SETTINGS_SECTIONS) {
      await page.goto(`${harness.url}#/settings?section=${section}`);
      await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth'), section).toBeLessThanOrEqual(720);
      const overflowing = await page.evaluate(`[...document.querySelectorAll('.panel *')].filter((el) => {
        const panel = el.closest('.panel').getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > panel.right + 1 && !el.closest('.table-scroll, .table-scroll-x');
      }).length`);
      expect(overflowing, section).toBe(0);
    }
    await page.close();
  });
});

// ─── MODAL CARDS ─────────────────────────────────────────────────────────────────────────────────────────
// A project's budget card open on its dashboard row, and the account-removal confirmation open in Settings.
describe('accessibility of the modal cards on seeded organisations', () => {
  let browser: Browser;
  let harness: Harness;

  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startHarness({ dataDir: seedOrganisations(), vault: new FakeKeychain() });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it.each(SCHEMES)(
    "a project's budget card, open with a validation error, has no serious or critical violations (%s)",
    async (scheme) => {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
        colorScheme: scheme,
        locale: 'en-US',
      });
      await page.goto(`${harness.url}#/?account=acc_big`);
      await page.getByRole('button', { name: 'Set budget for Project 2' }).click();
      const card = page.getByRole('dialog', { name: 'Budget for Project 2' });
      await card.getByRole('button', { name: 'Save budget' }).click();
      await card.getByText('Enter the project budget.', { exact: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it.each(SCHEMES)(
    'the account-removal confirmation, open, has no serious or critical violations (%s)',
    async (scheme) => {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
        colorScheme: scheme,
        locale: 'en-US',
      });
      await page.goto(`${harness.url}#/settings?section=accounts`);
      await page.getByRole('button', { name: 'Remove Cents Lab' }).click();
      await page.getByRole('alertdialog', { name: 'Remove Cents Lab?' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
  );
});
