/**
 * One use case, whichever door: the same action through the app's IPC handlers and through the `spendwatch`
 * CLI (a real process, sharing the data dir and the test session's keychain) leaves the same state behind.
 * Two organisations get the same setup; each gets the action through one door; what is left is compared.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../../fake-openai/organisations';
import { addMonths } from '../../../../src/shared/dates';
import { ensureCliBuilt, runCli } from '../../../support/cli';
import { createNodeSpendwatch } from '../../../../src/main/core/compose-node';
import { createIpcHandlers } from '../../../../src/main/handlers/handlers';
import type { IpcHandlers } from '../../../../src/main/handlers/dispatch';
import { ipcCaller } from '../../../support/ipc-call';
import type { Spendwatch } from '../../../../src/main/core/use-cases/spendwatch';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { accountKeyRef, KeytarVault } from '../../../../src/main/core/vault/keytar-vault';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const stamp = Date.now();
const KEYS = { cli: `sk-admin-${'c'.repeat(20)}${stamp}`, app: `sk-admin-${'a'.repeat(20)}${stamp}` };
const NAMES = { cli: 'Door CLI', app: 'Door App' } as const;
type Door = keyof typeof NAMES;

describe.runIf(keychain)('the app and the CLI run the same use cases', () => {
  let server: FakeOpenAiServer;
  let home: string;
  let app: Spendwatch;
  let ipc: IpcHandlers;
  const id = (door: Door) => app.accounts.get(NAMES[door]).id;
  /** A call as the renderer makes it: validated against the IPC contract, then handled. */
  const call = ipcCaller(() => ipc);

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEYS.cli]: smallOrganisation(30), [KEYS.app]: smallOrganisation(30) });
    const baseUrl = await server.start();
    home = mkdtempSync(join(tmpdir(), 'sw-doors-'));
    app = createNodeSpendwatch({ dataDir: home });
    ipc = createIpcHandlers(app, { openExternal: () => undefined });
    for (const door of ['cli', 'app'] as const) {
      const added = await runCli(
        ['accounts', 'add', '--provider', 'openai', '--name', NAMES[door], '--base-url', baseUrl],
        { home, input: KEYS[door] },
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const synced = await runCli(['sync'], { home });
    expect(synced.code, synced.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const door of ['cli', 'app'] as const) await runCli(['accounts', 'remove', NAMES[door]], { home });
    await server.stop();
  });

  it('a budget below the month so far raises the same alerts at once, through either door', async () => {
    const cli = await runCli(['budget', 'set', '--account', NAMES.cli, '--monthly', '1', '--thresholds', '50,100'], {
      home,
    });
    expect(cli.code, cli.stderr).toBe(0);
    const viaApp: { alerts: { kind: string; threshold: number | null }[] } = await call('setBudget', {
      accountId: id('app'),
      budget: { monthlyMicros: 1_000_000, thresholds: [50, 100] },
    });
    const raised = (door: Door) =>
      app.alerts
        .list()
        .alerts.filter((a) => a.accountId === id(door))
        .map((a) => `${a.kind} ${a.threshold}`)
        .sort();
    expect(raised('app')).toEqual(['budget-threshold 100', 'budget-threshold 50']);
    expect(raised('cli')).toEqual(raised('app'));
    expect(viaApp.alerts.map((a) => `${a.kind} ${a.threshold}`).sort()).toEqual(raised('app'));
    // The CLI says what it raised, as `sync` does.
    expect(cli.stdout.match(/^ALERT /gm)).toHaveLength(2);
  });

  it('removing an account takes its key, budget, history, alerts, credits and invoices with it, through either door', async () => {
    const ids = { cli: id('cli'), app: id('app') };
    for (const door of ['cli', 'app'] as const) {
      // Dates from the run's clock, never the calendar: a credit on the 1st of this month, last month's invoice.
      await call('addCredit', {
        accountId: ids[door],
        kind: 'purchase',
        amountMicros: 50_000_000,
        date: `${utcDay(0).slice(0, 7)}-01`,
      });
      await call('saveInvoice', {
        accountId: ids[door],
        month: addMonths(utcDay(0).slice(0, 7), -1),
        totalMicros: 12_000_000,
      });
    }
    const removedByCli = await runCli(['accounts', 'remove', NAMES.cli], { home });
    expect(removedByCli.code, removedByCli.stderr).toBe(0);
    await call('removeAccount', { accountId: ids.app });

    const settings = new JsonFileStore(join(home, 'config.json')).read() as {
      credits: object;
      budgets: object;
      accounts: unknown[];
    };
    for (const door of ['cli', 'app'] as const) {
      expect(app.alerts.list().alerts.filter((a) => a.accountId === ids[door])).toEqual([]);
      expect(Object.keys(settings.credits)).not.toContain(ids[door]);
      expect(Object.keys(settings.budgets)).not.toContain(ids[door]);
      // Read from the file: the use case would hide invoices of an account that no longer exists.
      expect(readFileSync(join(home, 'billing.json'), 'utf8')).not.toContain(ids[door]);
    }
    expect(settings.accounts).toEqual([]);
    expect(app.queries.status([]).accounts).toEqual([]);
    const vault = new KeytarVault();
    for (const door of ['cli', 'app'] as const) expect(await vault.get(accountKeyRef(ids[door]))).toBeNull();
    const listed = await runCli(['accounts', 'list', '--json'], { home });
    expect(JSON.parse(listed.stdout)).toEqual({ accounts: [] });
  });
});
