/**
 * The CLI, end to end, against an organisation that answers the way the live API does (test/fake-openai
 * liveOrganisation + live shapes): the sync succeeds and every figure is the exact decimal sum, rounded once.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { liveOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { expectedSumMicros, microsText, type WireAmount } from '../../support/expected-money';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-admin-${'l'.repeat(20)}${Date.now()}`;

describe.runIf(keychain)('spendwatch CLI against live-shaped Costs', () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-live-'));
  const org = liveOrganisation(45);
  let server: FakeOpenAiServer;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEY]: org });
    server.live = { extraFields: true, isoTimes: 'no-zone', repeatBoundaryBucket: true };
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Live Org', '--base-url', baseUrl], {
          home,
          input: KEY,
        })
      ).code,
    ).toBe(0);
  });
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Live Org'], { home });
    await server.stop();
  });

  it('syncs, and month to date, by project and by line item are the exact sums rounded once', async () => {
    server.clearLog();
    const r = await runCli(['sync', '--json'], { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const account = JSON.parse(r.stdout).accounts[0];
    expect(account).toMatchObject({ error: null, warning: null, stale: false });

    const month = utcDay(0).slice(0, 7);
    const rows = Object.entries(org.costs)
      .filter(([day]) => day.startsWith(month))
      .flatMap(([, dayRows]) => dayRows)
      .filter((row) => (row.currency ?? 'usd') === 'usd');
    const sumWhere = (keep: (row: (typeof rows)[number]) => boolean) =>
      microsText(expectedSumMicros(rows.filter(keep).map((row) => row.value as WireAmount)));
    expect(account.monthToDate).toEqual({ amount: sumWhere(() => true), currency: 'usd' });
    for (const project of account.byProject) {
      expect(project.amount).toBe(sumWhere((row) => (row.projectId ?? '(no project)') === project.id));
    }
    expect(account.byProject.map((p: { id: string }) => p.id).sort()).toEqual([
      '(no project)',
      'proj_batch',
      'proj_live',
    ]);
    for (const line of account.byLineItem)
      expect(line.amount).toBe(sumWhere((row) => (row.lineItem ?? '(other)') === line.name));
    // The euro rows are reported apart and never added to dollars.
    const euros = Object.entries(org.costs)
      .filter(([day]) => day.startsWith(month))
      .flatMap(([, d]) => d.filter((row) => row.currency === 'eur'));
    expect(account.otherCurrencies).toEqual([
      { amount: microsText(expectedSumMicros(euros.map((row) => row.value as WireAmount))), currency: 'eur' },
    ]);
    // project_name in the costs named every project: no Projects call was needed.
    expect(server.requestsTo('/organization/projects')).toHaveLength(0);
    expect(account.byProject.find((p: { id: string }) => p.id === 'proj_batch').name).toBe('Batch jobs');
  });

  it('stores the amounts exactly as sent, and exports them unrounded', async () => {
    const file = readdirSync(join(home, 'history'), { recursive: true })
      .map(String)
      .find((f) => f.endsWith('history.sqlite'))!;
    const db = new DatabaseSync(join(home, 'history', file), { readOnly: true });
    const today = db.prepare('SELECT amount FROM cost_row WHERE day = ?').all(utcDay(0)) as { amount: string }[];
    db.close();
    // The decimal text as sent, without its trailing zeros: never a float, never rounded.
    expect(today.map((r) => r.amount)).toContain('0.00000050000000000000000000000000000000100'.replace(/0+$/, ''));
    const csv = await runCli(['export', '--format', 'csv', '--from', utcDay(0), '--to', utcDay(0)], { home });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('0.0000005000000000000000000000000000000010'.replace(/0+$/, ''));
    expect(csv.stdout).toMatch(/,2\.10,eur,[^,]*,[^,]*,[^,]*,openai\r?\n/);
  });

  it('keeps the next poll to one Costs request', async () => {
    server.clearLog();
    expect((await runCli(['sync'], { home })).code).toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/organization/costs']);
  });
});
