/**
 * Adversarial pass on issue 11 (attack-11): one app instance (IPC handlers over createNodeSpendwatch) and
 * CLI processes sharing a data dir — cached settings never go stale, concurrent budget changes are never lost,
 * and a config.json damaged after a cached read is repaired rather than served from the cache.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../../support/cli';
import { createNodeSpendwatch } from '../../../../src/main/core/compose-node';
import { createIpcHandlers } from '../../../../src/main/handlers/handlers';
import type { IpcHandlers } from '../../../../src/main/handlers/dispatch';
import { ipcCaller } from '../../../support/ipc-call';
import type { Spendwatch } from '../../../../src/main/core/use-cases/spendwatch';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const stamp = Date.now();
const KEYS = [`sk-admin-${'x'.repeat(20)}${stamp}`, `sk-admin-${'y'.repeat(20)}${stamp}`];
const NAMES = ['Second A', 'Second B'];

describe.runIf(keychain)('the app and a second process share config.json', () => {
  let server: FakeOpenAiServer;
  const home = mkdtempSync(join(tmpdir(), 'sw-attack-second-'));
  const config = join(home, 'config.json');
  let app: Spendwatch;
  let ipc: IpcHandlers;
  /** A call as the renderer makes it: validated against the IPC contract, then handled. */
  const call = ipcCaller(() => ipc);

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEYS[0]!]: smallOrganisation(10), [KEYS[1]!]: smallOrganisation(10) });
    const baseUrl = await server.start();
    for (const [i, name] of NAMES.entries()) {
      const added = await runCli(['accounts', 'add', '--provider', 'openai', '--name', name, '--base-url', baseUrl], {
        home,
        input: KEYS[i],
      });
      expect(added.code, added.stderr).toBe(0);
    }
    app = createNodeSpendwatch({ dataDir: home });
    ipc = createIpcHandlers(app, { openExternal: () => undefined });
  }, 120_000);
  afterAll(async () => {
    for (const name of NAMES) await runCli(['accounts', 'remove', name], { home });
    await server.stop();
  });

  it('a same-size edit by another process between two reads is seen at once', async () => {
    await call('setGeneral', { pollMinutes: 15 });
    expect(app.preferences.get().general.pollMinutes).toBe(15);
    // Same size, same second: only the digits change.
    writeFileSync(
      config,
      readFileSync(config, 'utf8')
        .replace('"pollMinutes": 15', '"pollMinutes": 16')
        .replace('"pollMinutes":15', '"pollMinutes":16'),
    );
    expect(app.preferences.get().general.pollMinutes).toBe(16);
  });

  it('budget changes from two CLI processes and the app at the same time are all kept', async () => {
    const [a, b] = await Promise.all([
      runCli(['budget', 'set', '--account', NAMES[0]!, '--monthly', '101'], { home }),
      runCli(['budget', 'set', '--account', NAMES[1]!, '--monthly', '202'], { home }),
      call('setGeneral', { pollMinutes: 30 }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const list = app.budgets.list().map((x) => [x.accountName, x.budget?.monthlyMicros]);
    expect(list).toEqual([
      [NAMES[0], 101_000_000],
      [NAMES[1], 202_000_000],
    ]);
    expect(app.preferences.get().general.pollMinutes).toBe(30);
  });

  it('config.json damaged after a cached read is repaired from the last good copy, not served from the cache', async () => {
    const good = app.budgets.list();
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, 'x'.repeat(text.length));
    const notices: string[] = [];
    app.notices.onNotice((n) => notices.push(n.message));
    expect(app.budgets.list()).toEqual(good);
    expect(notices.join('\n')).toMatch(/damaged/);
    // A damage that still parses as JSON but breaks the shape (same size).
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(/"version": ?1/, (m) => m.replace('1', '7')),
    );
    expect(app.budgets.list()).toEqual(good);
  });
});
