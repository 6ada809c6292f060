/**
 * Budgets and alerts through the CLI, as a user (or the checker) drives them: a budget set so that
 * a given share is spent, one sync raising exactly the thresholds crossed, and a second raising none again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { expectedSumMicros, microsText } from '../../support/expected-money';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch budgets and alerts', () => {
  const key = `sk-admin-alerts${Date.now()}xxxxxxxxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-alerts-'));
  const org = smallOrganisation(60);
  let server: FakeOpenAiServer;
  let monthToDate = 0n;

  beforeAll(async () => {
    ensureCliBuilt();
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
    const month = utcDay(0).slice(0, 7);
    monthToDate = expectedSumMicros(
      Object.entries(org.costs)
        .filter(([day]) => day.startsWith(month))
        .flatMap(([, rows]) => rows.map((r) => r.value)),
    );
  });
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Acme Prod'], { home });
    await server.stop();
  });

  it('sets, lists and removes budgets', async () => {
    expect(
      (await runCli(['budget', 'set', '--account', 'Acme Prod', '--monthly', '100', '--daily', '20'], { home })).code,
    ).toBe(0);
    const listed = JSON.parse((await runCli(['budget', 'list', '--json'], { home })).stdout);
    expect(listed.budgets).toEqual([
      {
        account: 'Acme Prod',
        monthly: { amount: '100.00', currency: 'usd' },
        thresholds: [50, 80, 100],
        daily: { amount: '20.00', currency: 'usd' },
        projects: [],
      },
    ]);
    expect((await runCli(['budget', 'remove', '--account', 'Acme Prod'], { home })).code).toBe(0);
    expect(JSON.parse((await runCli(['budget', 'list', '--json'], { home })).stdout).budgets[0].monthly).toBeNull();
    expect((await runCli(['budget', 'set', '--account', 'Nope', '--monthly', '100'], { home })).code).toBe(1);
  });

  it('one sync raises exactly the thresholds crossed; the next raises none of them again', async () => {
    // A budget such that 85% of it is spent: 50% and 80% are crossed, 100% is not.
    const budget = (monthToDate * 100n) / 85n;
    expect(
      (
        await runCli(
          ['budget', 'set', '--account', 'Acme Prod', '--monthly', microsText(budget), '--thresholds', '50,80,100'],
          { home },
        )
      ).code,
    ).toBe(0);
    const first = JSON.parse((await runCli(['sync', '--json'], { home })).stdout);
    const thresholds = first.alerts.filter((a: { kind: string }) => a.kind === 'budget-threshold');
    expect(thresholds.map((a: { threshold: number }) => a.threshold)).toEqual([50, 80]);
    for (const alert of thresholds) {
      expect(alert).toMatchObject({ account: 'Acme Prod', period: utcDay(0).slice(0, 7), scope: 'account' });
      expect(alert.message).toMatch(
        new RegExp(`^Acme Prod has used ${alert.threshold}% of its \\$[\\d,.]+ \\w+ budget \\(\\$[\\d,.]+\\)\\.`),
      );
    }
    expect(first.accounts[0].budget.usedPercent).toBeCloseTo(85, 0);

    const second = JSON.parse((await runCli(['sync', '--json'], { home })).stdout);
    expect(second.alerts).toEqual([]);

    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    expect(
      status.alerts
        .filter((a: { kind: string }) => a.kind === 'budget-threshold')
        .map((a: { threshold: number }) => a.threshold)
        .sort(),
    ).toEqual([50, 80]);
  });
});
