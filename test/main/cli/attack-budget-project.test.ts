/**
 * Adversarial pass on issue 11 (attack-11): `spendwatch budget set/remove --project` as a careless user types it,
 * through the real CLI process, the real keychain and the loopback fake OpenAI server.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-admin-${'k'.repeat(20)}${Date.now()}`;
const NAME = 'Attack Budgets';

describe.runIf(keychain)('budget set/remove --project, as a careless user types it', () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-attack-budget-'));
  let server: FakeOpenAiServer;
  const budgets = () =>
    JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).budgets as Record<
      string,
      { monthlyMicros: number; dailyMicros: number | null; thresholds: number[]; projects: Record<string, number> }
    >;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEY]: smallOrganisation(20) });
    const baseUrl = await server.start();
    const added = await runCli(['accounts', 'add', '--provider', 'openai', '--name', NAME, '--base-url', baseUrl], {
      home,
      input: KEY,
    });
    expect(added.code, added.stderr).toBe(0);
    const synced = await runCli(['sync'], { home });
    expect(synced.code, synced.stderr).toBe(0);
    const set = await runCli(['budget', 'set', '--account', NAME, '--monthly', '1000'], { home });
    expect(set.code, set.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runCli(['accounts', 'remove', NAME], { home });
    await server.stop();
  });

  it("an empty --project (a script's unset variable) is refused; it never replaces the account's budget", async () => {
    const before = budgets();
    const r = await runCli(['budget', 'set', '--account', NAME, '--monthly', '5', '--project', ''], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--project/);
    expect(r.stdout).not.toMatch(/^ALERT /m);
    expect(budgets()).toEqual(before);
  });

  it('--daily or --thresholds with --project are refused, not silently ignored', async () => {
    const before = budgets();
    for (const extra of [
      ['--daily', '3'],
      ['--thresholds', '10'],
    ]) {
      const r = await runCli(
        ['budget', 'set', '--account', NAME, '--monthly', '7', '--project', 'proj_alpha', ...extra],
        { home },
      );
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--project/);
    }
    expect(budgets()).toEqual(before);
  });

  it('the spend outside any project can have a budget from the CLI, as the app\'s Settings allow ("(no project)")', async () => {
    const r = await runCli(['budget', 'set', '--account', NAME, '--monthly', '1000', '--project', '(no project)'], {
      home,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [account] = Object.values(budgets());
    expect(account?.projects).toMatchObject({ '(no project)': 1_000_000_000 });
    const removed = await runCli(['budget', 'remove', '--account', NAME, '--project', '(no project)'], { home });
    expect(removed.code, removed.stderr).toBe(0);
    expect(Object.values(budgets())[0]?.projects).not.toHaveProperty(['(no project)']);
  });
});
