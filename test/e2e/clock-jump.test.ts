/**
 * The running harness (the app's core and scheduler in Node) after the machine clock ran 40 days ahead and was
 * corrected: the account synced "in the future" is polled again at once, not in 40 days, and the dashboard shows
 * it as stale until then. Each process gets its clock from the test clock preload (test/support/test-now.mjs).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation } from '../fake-openai/organisations';
import { clockAt } from '../support/clock-env';
import { ensureCliBuilt, runCli } from '../support/cli';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('the running harness after a clock jump', () => {
  let server: FakeOpenAiServer;
  let harness: HarnessProcess | undefined;
  const key = `sk-admin-jump${Date.now()}xxxxxxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-jump-'));

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: smallOrganisation(20) });
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Jump', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
  });
  afterAll(async () => {
    await harness?.stop();
    await runCli(['accounts', 'remove', 'Jump'], { home });
    await server?.stop();
  });

  it('polls at once an account whose last sync is 40 days in its future', async () => {
    // Synced while the machine's clock ran 40 days fast.
    expect(
      (await runCli(['sync'], { home, env: clockAt(new Date(Date.now() + 40 * 86_400_000).toISOString()) })).code,
    ).toBe(0);
    server.clearLog();
    // The clock is right again: the app starts, and its scheduler must not wait 40 days (nor spin).
    harness = await startHarnessProcess({ SPENDWATCH_HOME: home });
    await expect.poll(() => server.requestsTo('/organization/costs').length, { timeout: 20_000 }).toBeGreaterThan(0);
    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    await expect
      .poll(async () => JSON.parse((await runCli(['status', '--json'], { home })).stdout).accounts[0].stale, {
        timeout: 20_000,
      })
      .toBe(false);
    expect(status.accounts[0].error).toBeNull();
    expect(harness.stderr()).not.toMatch(/TimeoutOverflowWarning/);
  });
});
