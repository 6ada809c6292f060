/**
 * What a lying or quirky Costs server must not do to local history (found by an adversarial pass): brick the
 * app with huge amounts, write files that cannot be read back, wipe good rows with one bad one, crash on ids
 * named like Object.prototype's members, or fail a whole sync over a bucket time or a label.
 */
import { trayText } from '../../../../src/main/electron/tray-text';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { costsCsvChunks } from '../../../../src/main/core/reports/csv-export';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { MAX_FIGURE_MICROS } from '../../../../src/shared/money';
import { FakeOpenAiServer, type FakeOrganisation } from '../../../fake-openai/fake-openai-server';
import { FakeKeychain } from '../../../support/fake-vault';
import { FAST_RETRY } from '../../../support/fast-retry';
import { TestClock } from '../../../support/test-clock';

const KEY = 'sk-admin-hostile000000000000000000000';
const NOW = new Date('2026-11-21T10:00:00Z');
const unix = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

function org(): FakeOrganisation {
  return {
    projects: [{ id: 'proj_a', name: 'A' }],
    costs: {
      '2026-11-19': [
        { projectId: 'proj_a', lineItem: 'gpt-4o, input', value: '10' },
        { projectId: 'proj_b', lineItem: 'gpt-4o, input', value: '3' },
      ],
      '2026-11-20': [{ projectId: 'proj_a', lineItem: 'gpt-4o, output', value: '1.5' }],
    },
    usage: {},
  };
}

describe('sync against a hostile Costs server', () => {
  let server: FakeOpenAiServer;
  let dataDir: string;
  let core: TestSpendwatch;
  const makeCore = () =>
    createTestSpendwatch({
      dataDir,
      vault: core?.services.vault ?? new FakeKeychain(),
      clock: new TestClock(NOW),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
    });
  const acme = () => core.accounts.get('Acme').id;
  const mtd = () =>
    core.queries.dashboard({ accountId: acme(), range: 'mtd', groupBy: 'project' }).kpis.monthToDateMicros;
  const syncOnce = async () => (await core.services.sync.syncAll([acme()])).results[0];

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [KEY]: org() });
    const baseUrl = await server.start();
    dataDir = mkdtempSync(join(tmpdir(), 'sw-hostile-'));
    core = undefined as unknown as TestSpendwatch;
    core = makeCore();
    await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY, baseUrl });
  });
  afterEach(async () => {
    server.contractViolations.length = 0; // these bodies are off-spec on purpose
    await server.stop();
  });

  it('refuses a billion-dollar row as unusable, and saturates absurd sums instead of failing every view', async () => {
    const o = server.keys[KEY] as FakeOrganisation;
    o.costs['2026-11-20'].push({ projectId: 'proj_a', lineItem: 'x', value: '9100000000' });
    const first = await syncOnce();
    expect(first.ok).toBe(true);
    expect(core.services.history.readState(acme()).warning).toMatch(/2026-11-20.*a billion or more in one row/);
    expect(mtd()).toBe(14_500_000);

    o.costs['2026-11-21'] = Array.from({ length: 11 }, (_, i) => ({
      projectId: 'proj_a',
      lineItem: `big ${i}`,
      value: '900000000',
    }));
    expect((await syncOnce()).ok).toBe(true);
    expect(mtd()).toBe(MAX_FIGURE_MICROS); // $9.9e9 is past what a figure holds: shown at the bound, never a crash
    expect(() => core.queries.status([])).not.toThrow();
    expect(() => trayText(core.queries.trayFacts())).not.toThrow();
  });

  it('stores labels as long as a provider may send, and reads them back (no file it cannot read)', async () => {
    (server.keys[KEY] as FakeOrganisation).usage['2026-11-20'] = [
      { model: 'm'.repeat(1_001), inputTokens: 1, outputTokens: 1, requests: 1 },
    ];
    (server.keys[KEY] as FakeOrganisation).costs['2026-11-20'][0].lineItem = 'l'.repeat(700);
    expect((await syncOnce()).ok).toBe(true);
    const before = mtd();
    core = makeCore(); // a second process reads the files
    expect(core.services.history.load(acme()).corrupt).toEqual([]);
    expect(mtd()).toBe(before);
  });

  it('keeps stored rows that an unreadable refetched row cannot replace', async () => {
    expect((await syncOnce()).ok).toBe(true);
    expect(mtd()).toBe(14_500_000);
    const o = server.keys[KEY] as FakeOrganisation;
    o.costs['2026-11-19'][0].value = 'ten dollars';
    const second = await syncOnce();
    expect(second.ok).toBe(true);
    expect(mtd()).toBe(14_500_000);
    expect(core.services.history.readState(acme()).warning).toMatch(/2026-11-19.*proj_a.*gpt-4o, input/);
    o.costs['2026-11-19'] = o.costs['2026-11-19'].map((r) => ({
      ...r,
      value: { $numberDecimal: '1' } as unknown as string,
    }));
    expect((await syncOnce()).ok).toBe(true);
    expect(mtd()).toBe(14_500_000);
  });

  it('treats ids named like Object.prototype members as ordinary ids', async () => {
    const o = server.keys[KEY] as FakeOrganisation;
    o.costs['2026-11-20'].push(
      { projectId: 'constructor', lineItem: 'toString', value: '1' },
      { projectId: '__proto__', lineItem: 'hasOwnProperty', value: '2' },
      { projectId: 'toString', lineItem: 'valueOf', value: '4' },
    );
    expect((await syncOnce()).ok).toBe(true);
    const status = core.queries.status([]).accounts[0];
    expect(status.monthToDate.amount).toBe('21.50');
    for (const p of status.byProject) expect(typeof p.name).toBe('string');
    expect(status.byProject.find((p) => p.id === 'constructor')?.name).toBe('constructor');
    const resolved = core.services.views.resolveAll(core.services.settings.read());
    expect([...costsCsvChunks(resolved, '2026-11-20', '2026-11-20')].join('')).toContain(
      ',constructor,constructor,toString,1.00,usd',
    );
    expect(() => core.queries.dashboard({ accountId: acme(), range: '30d', groupBy: 'project' })).not.toThrow();
  });

  it('turns unusable bucket times into warnings, places an off-midnight bucket by its middle, and keeps rows with odd labels', async () => {
    const result = (extra: Record<string, unknown>) => ({
      object: 'organization.costs.result',
      amount: { value: '1', currency: 'usd' },
      line_item: 'x',
      project_id: 'proj_a',
      ...extra,
    });
    server.replays.set('/organization/costs', [
      JSON.stringify({
        object: 'page',
        has_more: 'false',
        next_page: null,
        data: [
          { object: 'bucket', start_time: 1e15, end_time: 1e15 + 86_400, results: [result({})] },
          { object: 'bucket', start_time: -1e13, results: [result({})] },
          { object: 'bucket', start_time_iso: 'Nov 21 2026', results: [result({})] },
          // One second before midnight, covering the 20th: it is the 20th's bucket.
          {
            object: 'bucket',
            start_time: unix('2026-11-20') - 1,
            end_time: unix('2026-11-21') - 1,
            results: [result({ project_name: 'p'.repeat(600), quantity: '100', object: null })],
          },
          {
            object: 'bucket',
            start_time: unix('2026-11-21'),
            end_time: unix('2026-11-22'),
            results: [result({ amount: { value: '2', currency: 'USD ' } })],
          },
        ],
      }),
    ]);
    const r = await syncOnce();
    expect(r.ok).toBe(true);
    expect(core.services.history.readState(acme()).warning).toMatch(/could not be read/);
    const rows = core.services.history.load(acme()).history;
    expect(rows.costRows('2026-11-20')).toHaveLength(1);
    expect(rows.costRows('2026-11-21')).toHaveLength(1);
    expect(mtd()).toBe(3_000_000);
  });

  it('stops paging with a warning when the server repeats a cursor, keeping what arrived', async () => {
    const page = (day: string, value: string) =>
      JSON.stringify({
        object: 'page',
        has_more: true,
        next_page: 'same',
        data: [
          {
            object: 'bucket',
            start_time: unix(day),
            end_time: unix(day) + 86_400,
            results: [
              {
                object: 'organization.costs.result',
                amount: { value, currency: 'usd' },
                line_item: 'x',
                project_id: 'proj_a',
              },
            ],
          },
        ],
      });
    server.replays.set('/organization/costs', [
      page('2026-11-20', '5'),
      page('2026-11-21', '7'),
      page('2026-11-21', '7'),
    ]);
    const r = await syncOnce();
    expect(r.ok).toBe(true);
    expect(core.services.history.readState(acme()).warning).toMatch(/repeated a page cursor/);
    expect(mtd()).toBe(12_000_000);
  });
});
