/**
 * Several `spendwatch` processes at once on one data dir, as a status bar running the CLI every minute
 * next to the app would: alerts fire exactly once, no budget update is lost, names stay unique.
 * Real processes, the test session's keychain, the loopback fake OpenAI server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { expectedSumMicros, microsText } from '../../support/expected-money';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch processes at once', () => {
  const key = `sk-admin-concurrent${Date.now()}xxxxxxxxxxxxxx`;
  const org = smallOrganisation(60);
  const homes: string[] = [];
  let server: FakeOpenAiServer;
  let baseUrl: string;
  let monthToDate = 0n;

  const freshHome = () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-conc-'));
    homes.push(home);
    return home;
  };
  const addAccount = async (home: string, name = 'Acme Prod') =>
    runCli(['accounts', 'add', '--provider', 'openai', '--name', name, '--base-url', baseUrl], { home, input: key });

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: org });
    baseUrl = await server.start();
    const month = utcDay(0).slice(0, 7);
    monthToDate = expectedSumMicros(
      Object.entries(org.costs)
        .filter(([day]) => day.startsWith(month))
        .flatMap(([, rows]) => rows.map((r) => r.value)),
    );
  });
  afterAll(async () => {
    for (const home of homes)
      for (const name of ['Acme Prod', 'Race']) await runCli(['accounts', 'remove', name], { home });
    await server.stop();
  });

  it('three concurrent syncs raise each crossed threshold exactly once, and agree on the figures', async () => {
    const home = freshHome();
    expect((await addAccount(home)).code).toBe(0);
    // 85% of the budget is spent: 50% and 80% are crossed.
    const budget = (monthToDate * 100n) / 85n;
    expect(
      (await runCli(['budget', 'set', '--account', 'Acme Prod', '--monthly', microsText(budget)], { home })).code,
    ).toBe(0);

    const runs = await Promise.all([1, 2, 3].map(() => runCli(['sync', '--json'], { home })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const docs = runs.map((r) => JSON.parse(r.stdout));
    const raised = docs.flatMap((d) => d.alerts).filter((a: { kind: string }) => a.kind === 'budget-threshold');
    expect(raised.map((a: { threshold: number }) => a.threshold).sort()).toEqual([50, 80]);
    for (const doc of docs) expect(doc.accounts[0].monthToDate.amount).toBe(microsText(monthToDate));

    // And the alert centre holds them once.
    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    expect(
      status.alerts
        .filter((a: { kind: string }) => a.kind === 'budget-threshold')
        .map((a: { threshold: number }) => a.threshold)
        .sort(),
    ).toEqual([50, 80]);
    // Later syncs, also concurrent, raise nothing again.
    const again = await Promise.all([1, 2].map(() => runCli(['sync', '--json'], { home })));
    expect(again.flatMap((r) => JSON.parse(r.stdout).alerts)).toEqual([]);
  });

  it('loses no budget update when processes change budgets at the same time', async () => {
    const home = freshHome();
    expect((await addAccount(home)).code).toBe(0);
    expect((await runCli(['budget', 'set', '--account', 'Acme Prod', '--monthly', '1000'], { home })).code).toBe(0);
    const projects = Array.from({ length: 6 }, (_, i) => `proj_race${i}`);
    const runs = await Promise.all(
      projects.map((p, i) =>
        runCli(['budget', 'set', '--account', 'Acme Prod', '--project', p, '--monthly', String(10 + i)], { home }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse((await runCli(['budget', 'list', '--json'], { home })).stdout);
    expect(
      listed.budgets[0].projects
        .map((p: { id: string; monthly: { amount: string } }) => [p.id, p.monthly.amount])
        .sort(),
    ).toEqual(projects.map((p, i) => [p, `${10 + i}.00`]));
    expect(listed.budgets[0].monthly.amount).toBe('1000.00');
  });

  it('accepts only one of "Race" and "race" added at the same time', async () => {
    const home = freshHome();
    const [a, b] = await Promise.all([addAccount(home, 'Race'), addAccount(home, 'race')]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect((a.code ? a : b).stderr).toMatch(/already exists/);
    const list = JSON.parse((await runCli(['accounts', 'list', '--json'], { home })).stdout);
    expect(list.accounts).toHaveLength(1);
    expect((await addAccount(home, 'RACE')).stderr).toMatch(/already exists/);
  });
});
