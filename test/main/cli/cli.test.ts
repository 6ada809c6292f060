/**
 * The `spendwatch` CLI end to end: real processes, the real keychain (the test session's
 * gnome-keyring), and the loopback fake OpenAI server.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { expectedSumMicros, microsText, type WireAmount } from '../../support/expected-money';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY_GOOD = `sk-admin-${'g'.repeat(20)}${Date.now()}`;
const KEY_BAD = `sk-admin-${'b'.repeat(20)}${Date.now()}`;

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('spendwatch CLI', () => {
  beforeAll(() => ensureCliBuilt());

  it('prints usage and exits 2 on bad arguments', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    for (const args of [
      ['frobnicate'],
      ['export', '--from', '2026-13-01'],
      ['budget', 'set', '--account', 'x', '--monthly', 'lots'],
      ['accounts', 'add', '--name', 'x'],
    ]) {
      const r = await runCli(args, { home });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/error|Usage/i);
    }
  });

  it('with no keychain reachable, refuses to add an account, says why, and writes nothing', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'sw-cli-')), 'home');
    const r = await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme'], {
      home,
      input: KEY_GOOD,
      env: { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/keychain/i);
    expect(r.stderr).toMatch(/Secret Service/);
    expect(r.stderr).not.toContain(KEY_GOOD);
    expect(existsSync(home)).toBe(false);
  });

  describe.runIf(keychain)('against the fake organisation', () => {
    let server: FakeOpenAiServer;
    let baseUrl: string;
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-'));
    const org = smallOrganisation(60);

    beforeAll(async () => {
      server = new FakeOpenAiServer({ [KEY_GOOD]: org, [KEY_BAD]: smallOrganisation(3) });
      baseUrl = await server.start();
    });
    afterAll(async () => {
      await runCli(['accounts', 'remove', 'Acme Prod'], { home });
      await runCli(['accounts', 'remove', 'Side project'], { home });
      await server.stop();
    });

    it('adds accounts with the key from stdin only, shown masked', async () => {
      const project = await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'P', '--base-url', baseUrl], {
        home,
        input: 'sk-proj-abcdefabcdefabcdefabcdef',
      });
      expect(project.code).toBe(1);
      expect(project.stderr).toMatch(/project key.*admin key/s);

      const add = await runCli(
        ['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl],
        { home, input: `${KEY_GOOD}\n` },
      );
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(
        (
          await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Side project', '--base-url', baseUrl], {
            home,
            input: KEY_BAD,
          })
        ).code,
      ).toBe(0);
      const list = JSON.parse((await runCli(['accounts', 'list', '--json'], { home })).stdout);
      expect(list.accounts.map((a: { name: string; keyHint: string }) => [a.name, a.keyHint])).toEqual([
        ['Acme Prod', `sk-admin-…${KEY_GOOD.slice(-4)}`],
        ['Side project', `sk-admin-…${KEY_BAD.slice(-4)}`],
      ]);
    });

    it('syncs to the micro-dollar, with project names and line items', async () => {
      const r = await runCli(['sync', '--json'], { home });
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      const acme = doc.accounts.find((a: { name: string }) => a.name === 'Acme Prod');
      const month = utcDay(0).slice(0, 7);
      // Exact sums of the raw values, each figure rounded once (not row by row).
      const all: WireAmount[] = [];
      const projectValues = new Map<string, WireAmount[]>();
      const lineValues = new Map<string, WireAmount[]>();
      const push = (map: Map<string, WireAmount[]>, key: string, value: WireAmount) =>
        map.set(key, [...(map.get(key) ?? []), value]);
      for (const [day, rows] of Object.entries(org.costs)) {
        if (!day.startsWith(month)) continue;
        for (const row of rows) {
          all.push(row.value);
          push(projectValues, row.projectId ?? '(no project)', row.value);
          push(lineValues, row.lineItem ?? '(other)', row.value);
        }
      }
      const total = expectedSumMicros(all);
      const byProject = new Map([...projectValues].map(([k, v]) => [k, expectedSumMicros(v)]));
      const byLine = new Map([...lineValues].map(([k, v]) => [k, expectedSumMicros(v)]));
      expect(acme.monthToDate).toEqual({ amount: microsText(total), currency: 'usd' });
      expect(Object.fromEntries(acme.byProject.map((p: { id: string; amount: string }) => [p.id, p.amount]))).toEqual(
        Object.fromEntries([...byProject].map(([k, v]) => [k, microsText(v)])),
      );
      expect(acme.byProject.find((p: { id: string }) => p.id === 'proj_old').name).toBe('Old experiment');
      expect(
        Object.fromEntries(acme.byLineItem.map((p: { name: string; amount: string }) => [p.name, p.amount])),
      ).toEqual(Object.fromEntries([...byLine].map(([k, v]) => [k, microsText(v)])));
      expect(acme).toMatchObject({ provider: 'openai', stale: false, error: null, budget: null });
      expect(doc.alerts).toEqual([]);
    });

    it('needs one Costs request per account for the next sync', async () => {
      server.clearLog();
      expect((await runCli(['sync'], { home })).code).toBe(0);
      expect(server.requests.map((r) => r.path)).toEqual(['/v1/organization/costs', '/v1/organization/costs']);
    });

    it('isolates a revoked key to its account and exits 1 after saving the rest', async () => {
      server.keys[KEY_BAD] = 'revoked';
      const r = await runCli(['sync', '--json'], { home });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.accounts.find((a: { name: string }) => a.name === 'Side project').error.code).toBe('invalid_key');
      expect(doc.accounts.find((a: { name: string }) => a.name === 'Acme Prod').error).toBeNull();
    });

    it('answers status from local history with the network gone, budgets included', async () => {
      expect(
        (
          await runCli(['budget', 'set', '--account', 'Acme Prod', '--monthly', '500', '--thresholds', '50,80,100'], {
            home,
          })
        ).code,
      ).toBe(0);
      await server.stop();
      const r = await runCli(['status', '--json'], { home });
      expect(r.code).toBe(0);
      const acme = JSON.parse(r.stdout).accounts.find((a: { name: string }) => a.name === 'Acme Prod');
      expect(acme.budget.monthly).toEqual({ amount: '500.00', currency: 'usd' });
      expect(typeof acme.budget.usedPercent).toBe('number');
      expect((await runCli(['status'], { home })).stdout).toMatch(/Acme Prod/);
      baseUrl = await server.start().catch(() => baseUrl);
    });

    it('exports one CSV row per day × account × project × line item that adds up', async () => {
      const r = await runCli(
        ['export', '--format', 'csv', '--account', 'Acme Prod', '--from', utcDay(-6), '--to', utcDay(0)],
        { home },
      );
      expect(r.code).toBe(0);
      const [header, ...rows] = r.stdout.trim().split('\n');
      expect(header).toBe(
        'date_utc,account,project_id,project_name,line_item,amount,currency,api_key_id,quantity,quantity_unit,provider',
      );
      const expectedRows = Array.from({ length: 7 }, (_, i) => org.costs[utcDay(i - 6)]?.length ?? 0).reduce(
        (a, b) => a + b,
        0,
      );
      expect(rows).toHaveLength(expectedRows);
      expect(rows[0]).toMatch(/^\d{4}-\d{2}-\d{2},Acme Prod,/);
      expect(r.stdout).not.toMatch(/sk-admin-/);
    });

    it('leaves no key in clear text anywhere under the data dir', async () => {
      for (const file of allFiles(home)) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toContain(KEY_GOOD);
        expect(text, file).not.toContain(KEY_GOOD.slice(9, 30));
        expect(text, file).not.toContain(KEY_BAD);
      }
    });
  });
});
