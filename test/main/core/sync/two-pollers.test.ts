/**
 * An app and `spendwatch serve` on one data dir (two cores, each with its own lock files, as two processes have):
 * when both find an account due at the same moment, the second to get the account's lock sees the first's sync
 * and fetches nothing. A manual sync ("Sync now", `spendwatch sync`) is never skipped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../../../src/main/core/compose-node';
import type { Timers } from '../../../../src/main/core/sync/scheduler';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { FakeKeychain } from '../../../support/fake-vault';

const KEY = `sk-admin-${'t'.repeat(24)}`;

/** Timers the test fires by hand: the first scheduled tick of each scheduler. */
function manualTimers(): Timers & { fire(): void } {
  const pending: (() => void)[] = [];
  return {
    setTimeout: (callback) => pending.push(callback),
    clearTimeout: () => undefined,
    fire: () => pending.splice(0).forEach((f) => f()),
  };
}

describe('two pollers on one data dir', () => {
  let server: FakeOpenAiServer;
  let baseUrl: string;
  beforeAll(async () => {
    server = new FakeOpenAiServer({ [KEY]: smallOrganisation(10) });
    baseUrl = await server.start();
  });
  afterAll(() => server.stop());

  it('polls an account once when both find it due at once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-two-pollers-'));
    const vault = new FakeKeychain();
    const timersA = manualTimers();
    const timersB = manualTimers();
    const app = createNodeSpendwatch({ dataDir: home, vault, overrides: { timers: timersA } });
    const serve = createNodeSpendwatch({ dataDir: home, vault, overrides: { timers: timersB } });
    await app.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: KEY });
    const costsBefore = server.requestsTo('/organization/costs').length;
    // Each fetch is slow, so the second poller asks for the lock while the first holds it.
    server.addFault({ path: '/organization/costs', kind: 'delay', delayMs: 300, times: 100 });
    app.sync.start();
    serve.sync.start();
    timersA.fire();
    timersB.fire();
    await expect
      .poll(() => app.sync.isSyncing(app.accounts.list()[0].id) || serve.sync.isSyncing(app.accounts.list()[0].id))
      .toBe(true);
    await Promise.all([app.sync.idle(), serve.sync.idle()]);
    app.sync.stop();
    serve.sync.stop();
    const costRequests = server.requestsTo('/organization/costs').length - costsBefore;
    expect(costRequests).toBeGreaterThan(0);
    // One backfill's worth of Costs pages, not two: run the same sync alone and compare.
    const alone = mkdtempSync(join(tmpdir(), 'sw-one-poller-'));
    const single = createNodeSpendwatch({
      dataDir: alone,
      vault: new FakeKeychain(),
      overrides: { timers: manualTimers() },
    });
    await single.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: KEY });
    const soloBefore = server.requestsTo('/organization/costs').length;
    await single.sync.run();
    expect(costRequests).toBe(server.requestsTo('/organization/costs').length - soloBefore);
  });

  it('a manual sync right after a poll still fetches', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-manual-'));
    const core = createNodeSpendwatch({
      dataDir: home,
      vault: new FakeKeychain(),
      overrides: { timers: manualTimers() },
    });
    await core.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: KEY });
    await core.sync.run();
    const before = server.requests.length;
    const run = await core.sync.run();
    expect(run.results).toHaveLength(1);
    expect(run.results[0].ok).toBe(true);
    expect(server.requests.length).toBeGreaterThan(before);
  });
});
