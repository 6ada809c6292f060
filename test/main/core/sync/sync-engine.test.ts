import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { createLoopbackSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';
import { expectedSumMicros } from '../../../support/expected-money';
import { writeLegacyMonths } from '../../../support/legacy-history';
import { HistoryStore } from '../../../../src/main/core/history/history-store';

const KEY_A = 'sk-admin-test-aaaaaaaaaaaaaaaa';
const KEY_B = 'sk-admin-test-bbbbbbbbbbbbbbbb';
const NOW = new Date('2026-11-21T10:00:00Z');

describe('sync engine', () => {
  let server: FakeOpenAiServer;
  let dataDir: string;
  let clock: TestClock;
  let vault: FakeKeychain;
  let core: TestSpendwatch;
  const events: { event: string; payload: unknown }[] = [];
  /** Another process on the same data dir: it reads history from disk, not from the first one's memory. */
  const freshCore = () => createLoopbackSpendwatch({ dataDir, vault, clock });

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [KEY_A]: smallOrganisation(400, NOW), [KEY_B]: smallOrganisation(10, NOW) });
    const baseUrl = await server.start();
    dataDir = mkdtempSync(join(tmpdir(), 'sw-sync-'));
    clock = new TestClock(NOW);
    vault = new FakeKeychain();
    events.length = 0;
    core = createLoopbackSpendwatch({
      dataDir,
      vault,
      clock,
      emit: (event, payload) => events.push({ event, payload }),
    });
    await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY_A, baseUrl });
    await core.accounts.add({ name: 'Beta', provider: 'openai', apiKey: KEY_B, baseUrl });
    server.clearLog();
  });
  afterEach(() => server.stop());

  it('backfills 12 months on the first sync, with progress, then needs one Costs request', async () => {
    const first = await core.services.sync.syncAll([core.accounts.get('Acme').id]);
    expect(first.results[0].ok).toBe(true);
    const costCalls = server.requestsTo('/organization/costs');
    expect(new Date(Number(costCalls[0].query.get('start_time')) * 1000).toISOString()).toBe(
      '2025-12-01T00:00:00.000Z',
    );
    // A 2-day page first, then pages sized by the bytes a day took (a small organisation's: 180 days): 1 + 2.
    expect(costCalls.map((c) => c.query.get('limit'))).toEqual(['2', '180', '180']);
    expect(server.requestsTo('/organization/projects')).toHaveLength(1);
    const progress = events
      .filter((e) => e.event === 'syncProgress')
      .map((e) => e.payload as { doneDays: number; totalDays: number; phase: string });
    expect(progress.at(-1)).toMatchObject({ phase: 'backfill', doneDays: 356, totalDays: 356 });

    server.clearLog();
    clock.advance(15 * 60_000);
    const second = await core.services.sync.syncAll([core.accounts.get('Acme').id]);
    expect(second.results[0]).toMatchObject({ ok: true, requests: 1 });
    expect(server.requests).toHaveLength(1);
    const window = server.requests[0].query;
    expect(new Date(Number(window.get('start_time')) * 1000).toISOString()).toBe('2026-11-18T00:00:00.000Z');
    expect(new Date(Number(window.get('end_time')) * 1000).toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('never asks for a reversed or empty range when the clock is set back before the backfill, or jumps ahead', async () => {
    const acme = core.accounts.get('Acme').id;
    expect((await core.services.sync.syncAll([acme])).results[0].ok).toBe(true);
    for (const at of ['2024-06-01T08:00:00Z', '2031-03-01T00:00:05Z', '2026-11-21T10:20:00Z']) {
      clock.set(at);
      server.clearLog();
      await core.services.sync.syncAll([acme]);
      for (const request of server.requestsTo('/organization/costs')) {
        const start = Number(request.query.get('start_time'));
        const end = Number(request.query.get('end_time'));
        expect(end, at).toBeGreaterThan(start);
        // Today (at that clock) is always inside the window asked for.
        expect(start * 1000).toBeLessThanOrEqual(clock.now().getTime());
      }
    }
  });

  it('matches the organisation to the micro-dollar, with project names', async () => {
    await core.services.sync.syncAll();
    const view = core.queries.dashboard({ accountId: core.accounts.get('Acme').id, range: 'mtd', groupBy: 'project' });
    const org = server.keys[KEY_A] as ReturnType<typeof smallOrganisation>;
    // Expected: the exact sum of the fake org's raw values this month, rounded once (see organisations.ts).
    const raw = Object.entries(org.costs)
      .filter(([day]) => day.startsWith('2026-11'))
      .flatMap(([, rows]) => rows.map((r) => r.value));
    const expected = Number(expectedSumMicros(raw));
    expect(view.kpis.monthToDateMicros).toBe(expected);
    const names = Object.fromEntries(view.byProject.map((p) => [p.key, p.name]));
    expect(names).toMatchObject({
      proj_alpha: 'Alpha app',
      proj_beta: 'Beta bot',
      proj_old: 'Old experiment',
      '(no project)': '(no project)',
    });
    // Each part is its own exact sum rounded once; so the parts may differ from the total by rounding alone.
    const rows = Object.entries(org.costs)
      .filter(([day]) => day.startsWith('2026-11'))
      .flatMap(([, r]) => r);
    for (const p of view.byProject) {
      expect(p.micros).toBe(
        Number(expectedSumMicros(rows.filter((r) => (r.projectId ?? '(no project)') === p.key).map((r) => r.value))),
      );
    }
    for (const l of view.byLineItem)
      expect(l.micros).toBe(Number(expectedSumMicros(rows.filter((r) => r.lineItem === l.key).map((r) => r.value))));
    expect(Math.abs(view.byProject.reduce((s, p) => s + p.micros, 0) - expected)).toBeLessThanOrEqual(
      view.byProject.length / 2,
    );
  });

  it('fetches project names again only when an unknown project id appears', async () => {
    await core.services.sync.syncAll();
    server.clearLog();
    await core.services.sync.syncAll();
    expect(server.requestsTo('/organization/projects')).toHaveLength(0);
    const org = server.keys[KEY_A] as ReturnType<typeof smallOrganisation>;
    org.projects.push({ id: 'proj_new', name: 'New thing' });
    org.costs['2026-11-21'].push({ projectId: 'proj_new', lineItem: 'gpt-4o-2024-08-06, input', value: 5 });
    await core.services.sync.syncAll();
    const projectCalls = server.requestsTo('/organization/projects');
    expect(projectCalls).toHaveLength(1); // only Acme saw an unknown id
    expect(projectCalls[0].key).toBe(KEY_A);
    const view = core.queries.dashboard({ accountId: core.accounts.get('Acme').id, range: 'mtd', groupBy: 'project' });
    expect(view.byProject.find((p) => p.key === 'proj_new')?.name).toBe('New thing');
  });

  it('does not look up a project id OpenAI never names on every poll', async () => {
    const acme = core.accounts.get('Acme');
    const org = server.keys[KEY_A] as ReturnType<typeof smallOrganisation>;
    org.costs['2026-11-21'].push({ projectId: 'proj_ghost', lineItem: 'gpt-4o-2024-08-06, input', value: 1 });
    await core.services.sync.syncAll([acme.id]);
    server.clearLog();
    expect((await core.services.sync.syncAll([acme.id])).results[0].requests).toBe(1);
    const view = core.queries.dashboard({ accountId: acme.id, range: 'mtd', groupBy: 'project' });
    expect(view.byProject.find((p) => p.key === 'proj_ghost')?.name).toBe('proj_ghost');
    clock.advance(25 * 3_600_000); // a day later it asks once more, in case the project was new
    server.clearLog();
    await core.services.sync.syncAll([acme.id]);
    expect(server.requestsTo('/organization/projects')).toHaveLength(1);
  });

  it('keeps the costs when Usage or Projects fail, with a warning', async () => {
    const acme = core.accounts.get('Acme');
    server.addFault({
      path: '/usage/completions',
      kind: 'status',
      status: 404,
      body: { error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null } },
    });
    server.addFault({
      path: '/projects',
      kind: 'status',
      status: 403,
      body: { error: { message: 'Missing scope', type: 'invalid_request_error', param: null, code: null } },
    });
    const report = await core.services.sync.syncAll([acme.id]);
    expect(report.results[0]).toMatchObject({ ok: true, error: null });
    const summary = core.queries.dashboard({ accountId: acme.id, range: 'mtd', groupBy: 'project' });
    expect(summary.kpis.monthToDateMicros).toBeGreaterThan(0);
    const account = summary.accounts.find((a) => a.id === acme.id)!;
    expect(account.warning).toMatch(/Token usage could not be fetched: The API answered 404/);
    expect(account.warning).toMatch(/Project names could not be fetched: The key lacks a permission/);
    expect(account.warning).toContain('(sk-admin-…)');
    expect(account.stale).toBe(false);
    server.clearLog();
    clock.advance(15 * 60_000);
    await core.services.sync.syncAll([acme.id]);
    expect(
      core.queries
        .dashboard({ accountId: acme.id, range: 'mtd', groupBy: 'project' })
        .accounts.find((a) => a.id === acme.id)!.warning,
    ).toBeNull();
  });

  it('a last success in the future (the clock ran ahead, then was corrected) is stale, and usage is refetched', async () => {
    const acme = core.accounts.get('Acme').id;
    clock.set('2027-01-10T10:00:00Z'); // 50 days fast
    await core.services.sync.syncAll([acme]);
    clock.set(NOW);
    const summary = () =>
      core.queries
        .dashboard({ accountId: acme, range: 'mtd', groupBy: 'project' })
        .accounts.find((a) => a.id === acme)!;
    expect(summary().stale).toBe(true);
    server.clearLog();
    await core.services.sync.syncAll([acme]);
    // Usage fetched "in the future" counts as due, not as fresh for 50 days.
    expect(server.requestsTo('/organization/usage/completions').length).toBeGreaterThan(0);
    expect(summary().stale).toBe(false);
  });

  it('isolates a failing account: the other syncs and keeps its data', async () => {
    await core.services.sync.syncAll();
    const beta = core.accounts.get('Beta');
    const before = core.queries.dashboard({ accountId: beta.id, range: 'mtd', groupBy: 'model' }).kpis
      .monthToDateMicros;
    server.keys[KEY_B] = 'revoked';
    const report = await core.services.sync.syncAll();
    expect(report.results.find((r) => r.name === 'Acme')?.ok).toBe(true);
    expect(report.results.find((r) => r.name === 'Beta')?.error?.code).toBe('invalid_key');
    const after = core.queries.dashboard({ accountId: beta.id, range: 'mtd', groupBy: 'model' });
    expect(after.kpis.monthToDateMicros).toBe(before);
    const summary = after.accounts.find((a) => a.id === beta.id)!;
    expect(summary.stale).toBe(true);
    expect(summary.lastError?.code).toBe('invalid_key');
  });

  it('changes nothing when a response is malformed mid-sync', async () => {
    const acme = core.accounts.get('Acme');
    await core.services.sync.syncAll([acme.id]);
    const before = core.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' }).kpis
      .monthToDateMicros;
    server.addFault({ path: '/costs', kind: 'bad-shape' });
    const report = await core.services.sync.syncAll([acme.id]);
    expect(report.results[0].error?.code).toBe('malformed_response');
    expect(core.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' }).kpis.monthToDateMicros).toBe(
      before,
    );
  });

  it('writes only the days that changed', async () => {
    const acme = core.accounts.get('Acme');
    const first = await core.services.sync.syncAll([acme.id]);
    // Every day of the backfill (356 days of costs, empty ones included; usage on the same days).
    expect(first.results[0].daysWritten).toBe(356);
    const org = server.keys[KEY_A] as ReturnType<typeof smallOrganisation>;
    org.costs['2026-11-20'].push({ projectId: 'proj_beta', lineItem: 'late settle', value: 0.5 });
    const second = await core.services.sync.syncAll([acme.id]);
    expect(second.results[0]).toMatchObject({ daysWritten: 1, changedDays: ['2026-11-20'] });
    const third = await core.services.sync.syncAll([acme.id]);
    expect(third.results[0].daysWritten).toBe(0);
    // What the second sync wrote is what a new process reads.
    const fresh = new HistoryStore(dataDir, clock).load(acme.id).history;
    expect(fresh.costRows('2026-11-20')?.at(-1)).toMatchObject({ projectId: 'proj_beta', lineItem: 'late settle' });
  });

  it('moves a damaged database aside, says the figures are missing, and fetches the whole history again', async () => {
    const acme = core.accounts.get('Acme');
    await core.services.sync.syncAll([acme.id]);
    const full = core.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' }).monthly;
    const path = join(dataDir, 'history', acme.id, 'history.sqlite');
    // Damage past the header: pages of the tables, as a bad disk or a stray write would leave them.
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 4096, bytes.length);
    writeFileSync(path, bytes);
    const fresh = freshCore();
    const status = fresh.queries.status([]).accounts[0];
    expect(status).toMatchObject({ stale: true, monthToDate: { amount: '0.00' } });
    expect(status.warning).toMatch(/stored history was damaged/);
    expect(readdirSync(join(dataDir, 'history', acme.id)).some((f) => f.startsWith('history.sqlite.corrupt-'))).toBe(
      true,
    );
    server.clearLog();
    const repair = await fresh.services.sync.syncAll([acme.id]);
    expect(repair.results[0].repaired.map((r) => r.month)).toEqual(['all']);
    expect(new Date(Number(server.requestsTo('/costs')[0].query.get('start_time')) * 1000).toISOString()).toBe(
      '2025-12-01T00:00:00.000Z',
    );
    expect(fresh.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' }).monthly).toEqual(full);
    expect(fresh.queries.status([]).accounts[0].warning).toBeNull();
  });

  it('damage only the daily page check finds: that account is fetched again, and the next account still syncs', async () => {
    const acme = core.accounts.get('Acme');
    await core.services.sync.syncAll();
    const full = core.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' }).monthly;
    const path = join(dataDir, 'history', acme.id, 'history.sqlite');
    const bytes = readFileSync(path);
    // A page in the middle overwritten: opening and the list of days still read; the check does not pass.
    bytes.fill(0x5a, Math.floor(bytes.length / 2 / 4096) * 4096, Math.floor(bytes.length / 2 / 4096) * 4096 + 4096);
    writeFileSync(path, bytes);
    clock.advance(25 * 3_600_000); // the check is daily
    const report = await freshCore().services.sync.syncAll();
    expect(report.results.map((r) => [r.name, r.ok])).toEqual([
      ['Acme', true],
      ['Beta', true],
    ]);
    expect(report.results[0].repaired.map((r) => r.month)).toEqual(['all']);
    expect(
      freshCore()
        .queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' })
        .monthly.map((m) => m.totalMicros),
    ).toEqual(full.map((m) => m.totalMicros));
  });

  it('migrates month files to the database on first load, nothing lost; a damaged month is set aside and refetched', async () => {
    const acme = core.accounts.get('Acme');
    await core.services.sync.syncAll([acme.id]);
    const before = core.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'line_item' });
    const dir = join(dataDir, 'history', acme.id);
    // The same history as an earlier version kept it: month files, no database.
    const months = writeLegacyMonths(core.services.history.load(acme.id).history, join(dataDir, 'legacy'));
    rmSync(join(dir, 'history.sqlite'));
    for (const month of months) renameSync(join(dataDir, 'legacy', `${month}.json`), join(dir, `${month}.json`));
    const migrated = freshCore();
    // Month files never held quantity units or usage by batch, so unit prices and savings wait for the refetch
    // that a history of their time gets (its state has no rowsFormat); every figure is kept.
    const { insights, ...figures } = migrated.queries.dashboard({
      accountId: acme.id,
      range: '12m',
      groupBy: 'line_item',
    });
    expect(figures).toEqual({ ...before, insights: undefined, generatedAt: expect.any(String) });
    expect(insights?.movers).toEqual(before.insights?.movers);
    expect(readdirSync(dir).filter((f) => /^\d{4}-\d{2}\.json$/.test(f))).toEqual([]);
    expect(readdirSync(join(dir, 'before-sqlite')).sort()).toEqual(months.map((m) => `${m}.json`));

    // Once more, with June damaged: the rest migrates, June is set aside with its mark and fetched whole.
    rmSync(join(dir, 'history.sqlite'));
    for (const month of months) renameSync(join(dir, 'before-sqlite', `${month}.json`), join(dir, `${month}.json`));
    writeFileSync(join(dir, '2026-06.json'), '{"version":2,"month":"2026-06","costs":{');
    const damaged = freshCore();
    expect(
      damaged.queries
        .dashboard({ accountId: acme.id, range: '12m', groupBy: 'model' })
        .monthly.find((m) => m.month === '2026-06')?.totalMicros,
    ).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith('2026-06.json.corrupt-'))).toBe(true);
    server.clearLog();
    const repair = await damaged.services.sync.syncAll([acme.id]);
    expect(repair.results[0].repaired.map((r) => r.month)).toEqual(['2026-06']);
    expect(new Date(Number(server.requestsTo('/costs')[0].query.get('start_time')) * 1000).toISOString()).toBe(
      '2026-06-01T00:00:00.000Z',
    );
    expect(damaged.queries.dashboard({ accountId: acme.id, range: '12m', groupBy: 'line_item' }).monthly).toEqual(
      before.monthly,
    );
  });

  it('keeps keys out of every file it writes', async () => {
    await core.services.sync.syncAll();
    const files = readdirSync(dataDir, { recursive: true }) as string[];
    for (const f of files) {
      const path = join(dataDir, f);
      if (statSync(path).isDirectory()) continue;
      const text = readFileSync(path, 'utf8');
      expect(text).not.toContain(KEY_A.slice(9));
      expect(text).not.toContain(KEY_B.slice(9));
    }
    expect(readFileSync(settingsFile(dataDir), 'utf8')).toContain('sk-admin-…aaaa');
  });

  it('catches up after a long pause from the last successful day', async () => {
    const acme = core.accounts.get('Acme');
    await core.services.sync.syncAll([acme.id]);
    clock.set('2026-11-30T10:00:00Z');
    server.clearLog();
    await core.services.sync.syncAll([acme.id]);
    expect(new Date(Number(server.requestsTo('/costs')[0].query.get('start_time')) * 1000).toISOString()).toBe(
      '2026-11-18T00:00:00.000Z',
    );
  });
});
