/**
 * In real Chromium through the harness: an account synced from the fake OpenAI server, then the server goes away
 * and "Sync now" fails. The dashboard must say it in words with the fix (the host and ECONNREFUSED only behind
 * "Technical details"), in one banner area, with "as of" above muted figures; and with a recorded balance and a
 * credit bought on the reading day, the prepaid balance, its runway and why that credit is not added again.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { providerFactory } from '../../src/main/core/providers/provider-factory';
import { addDays } from '../../src/shared/dates';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation } from '../fake-openai/organisations';
import { startHarness, type Harness } from '../harness/harness-server';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { pinnedToLoadDay } from '../support/clock-env';
import { FakeKeychain } from '../support/fake-vault';
import { FAST_RETRY } from '../support/fast-retry';

const PINNED = pinnedToLoadDay();
const SHOTS = 'test-results';
const KEY = `sk-admin-stale${'x'.repeat(24)}`;

describe('stale figures after a failed sync, and the prepaid balance', () => {
  let browser: Browser;
  let harness: Harness;
  let server: FakeOpenAiServer;
  let host: string;
  let accountId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = new FakeOpenAiServer({ [KEY]: smallOrganisation(40, new Date(PINNED.noon)) });
    const baseUrl = await server.start();
    host = new URL(baseUrl).host;
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-e2e-stale-'));
    const vault = new FakeKeychain();
    // Real retries with short waits, so the failed sync ends quickly; nothing of ours is faked.
    const overrides = { clock: PINNED.clock(), createProvider: providerFactory({ retry: FAST_RETRY }) };
    const core = createNodeSpendwatch({ dataDir, vault, overrides });
    accountId = (await core.accounts.add({ name: 'Acme Prod', provider: 'openai', apiKey: KEY, baseUrl })).id;
    const run = await core.sync.run();
    expect(run.accounts.map((a) => a.ok)).toEqual([true]);
    // A balance read yesterday, a purchase dated that same day (already in it) and a grant today (added).
    const today = PINNED.noon.slice(0, 10);
    core.payments.setRecordedBalance(accountId, { amountMicros: 500_000_000, asOf: addDays(today, -1) });
    core.payments.addCredit({ accountId, kind: 'purchase', amountMicros: 100_000_000, date: addDays(today, -1) });
    core.payments.addCredit({ accountId, kind: 'grant', amountMicros: 25_000_000, date: today });
    harness = await startHarness({ dataDir, vault, overrides });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await server?.stop();
  });

  it('shows the prepaid balance and runway on the dashboard, saying why the reading-day purchase is not added', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(harness.url);
    const line = page.getByRole('region', { name: 'Prepaid balance' });
    await line.waitFor();
    const text = (await line.textContent()) ?? '';
    expect(text).toMatch(
      /Prepaid balance \$[\d,]+\.\d{2} estimate (About \d+ days? of runway at the current pace|Probably used up)/,
    );
    expect(text).toContain('$500.00 recorded on');
    // The estimate is the reading, less the costs since, plus the grant dated after it; never the $100 again.
    const cents = (m: RegExpMatchArray | null) => Math.round(Number(m![1].replace(/,/g, '')) * 100);
    const shown = cents(text.match(/^Prepaid balance \$([\d,.]+)/));
    const spent = cents(text.match(/less \$([\d,.]+) of costs/));
    expect(shown).toBe(50_000 - spent + 2_500);
    expect(text).toContain('plus $25.00 of credit dated after');
    expect(text).toContain('A purchase or grant of $100.00 dated');
    expect(text).toContain('is taken as already in that balance and not added again');
    // Fresh figures: nothing says they are out of date.
    expect(await page.getByTestId('as-of').count()).toBe(0);
    await page.close();
  });

  it('after a failed sync: words and a fix, the raw cause behind a disclosure, one banner, "as of" and muted figures', async () => {
    await server.stop();
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 720]) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme, locale: 'en-US' });
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        await page.goto(harness.url);
        await page.getByTestId('kpi-mtd').waitFor();
        if (colorScheme === 'light' && width === 1280) {
          await page.getByRole('button', { name: 'Sync now' }).click();
        }
        const area = page.getByTestId('banner-area');
        const banner = area.getByRole('alert');
        await banner.waitFor();
        expect(await area.locator('.banner').count()).toBe(1);
        const said = (await banner.textContent()) ?? '';
        expect(said).toContain('Acme Prod: Spendwatch could not reach OpenAI. Check your internet connection or proxy');
        const detail = banner.locator('details.banner-detail');
        expect(await detail.getAttribute('open')).toBeNull();
        expect(await detail.locator('code').textContent()).toBe(`Cannot reach ${host} (ECONNREFUSED).`);
        // The sentence itself never shows the host or the system code; only the closed disclosure does.
        const sentence = await page.evaluate<string>(
          `(() => { const copy = document.querySelector('[data-testid="banner-area"] [role="alert"]').cloneNode(true); copy.querySelectorAll('details').forEach((d) => d.remove()); return copy.textContent; })()`,
        );
        expect(sentence).not.toContain('ECONNREFUSED');
        expect(sentence).not.toContain(host);
        const asOf = page.getByTestId('as-of');
        expect(await asOf.textContent()).toMatch(
          /^Out of date Figures as of .+ your time.*: the last sync of Acme Prod failed\.$/,
        );
        // Muted with words and dashes, not colour alone: the figures' headings say it, the borders are dashed.
        const style = await page.evaluate<{ after: string; border: string }>(
          `(() => { const card = document.querySelector('[aria-labelledby="kpi-mtd"]'); return { after: getComputedStyle(card.querySelector('h2'), '::after').content, border: getComputedStyle(card).borderTopStyle }; })()`,
        );
        expect(style).toEqual({ after: '" · out of date"', border: 'dashed' });
        await detail.locator('summary').click();
        await page.screenshot({ path: join(SHOTS, `stale-dashboard-${colorScheme}-${width}.png`), fullPage: false });
        expect(await seriousViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      }
    }
  });
});
