/**
 * The test run's clock (SPENDWATCH_TEST_NOW, test/support/test-now.mjs) reaches every process it starts: this
 * worker, the CLI, the harness, file times and pages in Chromium all read one shifted time, running on. Without
 * SPENDWATCH_TEST_NOW the same checks hold for the machine's own clock.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { ensureCliBuilt, runCli } from '../support/cli';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

/** The machine's real time, which the shift leaves alone: performance's origin and clock are not Date. */
const realNow = () => performance.timeOrigin + performance.now();
/** What "now" must read in every process of this run. */
const expectedNow = () =>
  process.env.SPENDWATCH_TEST_NOW
    ? Date.parse(process.env.SPENDWATCH_TEST_NOW) + (realNow() - Number(process.env.SPENDWATCH_TEST_EPOCH))
    : realNow();
// Processes start at different moments on a loaded machine; one shared clock keeps them within this of each other.
const SLACK_MS = 5_000;

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('one clock for the whole test run', () => {
  let browser: Browser;
  let harness: HarnessProcess;
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-clock-'));

  beforeAll(async () => {
    ensureCliBuilt();
    browser = await launchChromium();
    harness = await startHarnessProcess({ SPENDWATCH_HOME: home });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('this worker and the file system read it', () => {
    expect(Math.abs(Date.now() - expectedNow())).toBeLessThan(SLACK_MS);
    const file = join(home, 'probe.txt');
    writeFileSync(file, 'x');
    expect(Math.abs(statSync(file).mtimeMs - Date.now())).toBeLessThan(SLACK_MS);
  });

  it('the CLI reads it', async () => {
    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    expect(Math.abs(Date.parse(status.generatedAt) - expectedNow())).toBeLessThan(SLACK_MS);
  });

  it('the harness and the page in Chromium read it, in the run time zone', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(harness.url);
    await page.getByTestId('kpi-mtd').waitFor();
    const inPage = (await page.evaluate('[Date.now(), new Date().getTimezoneOffset(), new Date().getDate()]')) as [
      number,
      number,
      number,
    ];
    expect(Math.abs(inPage[0] - expectedNow())).toBeLessThan(SLACK_MS);
    // The zone by its effect (ICU may name it otherwise: Asia/Kolkata is "Asia/Calcutta" in Chromium).
    const here = new Date(inPage[0]);
    expect([inPage[1], inPage[2]]).toEqual([here.getTimezoneOffset(), here.getDate()]);
    // The harness builds the dashboard with its own clock: its generatedAt is the run's time too.
    const view = (await page.evaluate(
      "window.spendwatch.getDashboard({ accountId: 'all', range: '30d', groupBy: 'project' })",
    )) as { ok: boolean; value: { generatedAt: string } };
    expect(view.ok).toBe(true);
    expect(Math.abs(Date.parse(view.value.generatedAt) - expectedNow())).toBeLessThan(SLACK_MS);
    await page.close();
  });
});
