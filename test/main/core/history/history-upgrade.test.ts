/**
 * A history written in format 1 (before who-spent-it: no API keys, no quantity units, usage without user, key,
 * project, batch or tier), as that version's code left it on disk: created here with raw node:sqlite from the
 * format-1 schema (git show 3ee69b7:src/main/core/history/history-database.ts), so nothing of the current code
 * writes it. The current store must read every old row, upgrade the file in place to format 2 with nothing lost,
 * and the first sync after the upgrade must fetch the backfill window again once (so per-key figures are the
 * bill's), then poll incrementally.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../src/main/core/history/history-store';
import { FileStateLocks } from '../../../../src/main/core/fs/state-lock';
import { breakdown } from '../../../../src/main/core/aggregate/aggregations';
import { breakdownDocument } from '../../../../src/main/core/insights/breakdown-report';
import type { CostRow } from '../../../../src/main/core/history/types';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { attributedOrganisation } from '../../../fake-openai/organisations';
import { createLoopbackSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';
import { expectedSumMicros, microsText, type WireAmount } from '../../../support/expected-money';

/** Format 1's schema, as that version created it (user_version 1). */
const FORMAT_1_SCHEMA = `
CREATE TABLE IF NOT EXISTS cost_day (day TEXT PRIMARY KEY, total TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cost_row (
  day TEXT NOT NULL, seq INTEGER NOT NULL, project_id TEXT, line_item TEXT, amount TEXT NOT NULL, quantity, currency TEXT NOT NULL,
  PRIMARY KEY (day, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_sum (day TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (day, dim, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usage_day (day TEXT PRIMARY KEY) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS usage_row (
  day TEXT NOT NULL, seq INTEGER NOT NULL, model TEXT, input INTEGER NOT NULL, output INTEGER NOT NULL, cached INTEGER NOT NULL, requests INTEGER NOT NULL,
  PRIMARY KEY (day, seq)
) WITHOUT ROWID;
`;

/** Exact amounts are stored as integers of 10^-48 dollars (decimal text): the test's own conversion. */
function units(decimal: string): bigint {
  const [int, frac = ''] = decimal.split('.');
  return BigInt(int) * 10n ** 48n + BigInt(frac.padEnd(48, '0'));
}

interface OldCost {
  projectId: string | null;
  lineItem: string | null;
  amount: string;
  quantity: number | null;
  currency: string;
}
interface OldUsage {
  model: string | null;
  input: number;
  output: number;
  cached: number;
  requests: number;
}

/** Old days: one before any backfill window below, one inside it, and a day the provider reported nothing. */
const OLD_COSTS: Record<string, OldCost[]> = {
  '2025-10-15': [
    { projectId: 'proj_web', lineItem: 'gpt-4o-2024-08-06, input', amount: '1.25', quantity: 500_000, currency: 'usd' },
    { projectId: null, lineItem: 'web search tool calls', amount: '0.1', quantity: null, currency: 'usd' },
    { projectId: 'proj_web', lineItem: 'gpt-4o-2024-08-06, input', amount: '2.1', quantity: null, currency: 'eur' },
  ],
  '2026-11-10': [
    {
      projectId: 'proj_data',
      lineItem: 'gpt-4o-mini-2024-07-18, output',
      amount: '0.0000015',
      quantity: 10,
      currency: 'usd',
    },
    {
      projectId: 'proj_web',
      lineItem: 'gpt-4o-2024-08-06, output',
      amount: '3.333333333333333333333333',
      quantity: 250_000,
      currency: 'usd',
    },
  ],
  '2026-11-11': [],
};
const OLD_USAGE: Record<string, OldUsage[]> = {
  '2025-10-15': [{ model: 'gpt-4o-2024-08-06', input: 500_000, output: 0, cached: 100_000, requests: 40 }],
  '2026-11-10': [
    { model: 'gpt-4o-mini-2024-07-18', input: 0, output: 10, cached: 0, requests: 1 },
    { model: 'gpt-4o-2024-08-06', input: 0, output: 250_000, cached: 0, requests: 30 },
  ],
};

/** Format 1's model of a line item: the text before its last comma. */
const oldModel = (lineItem: string | null) =>
  lineItem
    ? lineItem.lastIndexOf(',') > 0
      ? lineItem.slice(0, lineItem.lastIndexOf(',')).trim()
      : lineItem
    : '(other)';

/** Writes the old days as format 1 did: rows, the day's total, and its sums by project (p), line item (l), model (m), other currency (c). */
function writeFormat1(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`BEGIN; ${FORMAT_1_SCHEMA} PRAGMA user_version = 1; COMMIT;`);
  const insertRow = db.prepare(
    'INSERT INTO cost_row (day, seq, project_id, line_item, amount, quantity, currency) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSum = db.prepare('INSERT INTO day_sum (day, dim, key, amount) VALUES (?, ?, ?, ?)');
  for (const [day, rows] of Object.entries(OLD_COSTS)) {
    const sums = new Map<string, bigint>();
    const add = (dim: string, key: string, amount: bigint) =>
      sums.set(`${dim}\u0000${key}`, (sums.get(`${dim}\u0000${key}`) ?? 0n) + amount);
    let total = 0n;
    rows.forEach((r, seq) => {
      insertRow.run(day, seq, r.projectId, r.lineItem, r.amount, r.quantity, r.currency);
      if (r.currency !== 'usd') return add('c', r.currency, units(r.amount));
      total += units(r.amount);
      add('p', r.projectId ?? '(no project)', units(r.amount));
      add('l', r.lineItem ?? '(other)', units(r.amount));
      add('m', oldModel(r.lineItem), units(r.amount));
    });
    db.prepare('INSERT INTO cost_day (day, total) VALUES (?, ?)').run(day, total.toString());
    for (const [k, amount] of sums) {
      const [dim, key] = k.split('\u0000');
      insertSum.run(day, dim, key, amount.toString());
    }
  }
  const insertUsage = db.prepare(
    'INSERT INTO usage_row (day, seq, model, input, output, cached, requests) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [day, rows] of Object.entries(OLD_USAGE)) {
    db.prepare('INSERT INTO usage_day (day) VALUES (?)').run(day);
    rows.forEach((r, seq) => insertUsage.run(day, seq, r.model, r.input, r.output, r.cached, r.requests));
  }
  db.close();
}

const usdTotal = (day: string) =>
  OLD_COSTS[day].filter((r) => r.currency === 'usd').reduce((s, r) => s + units(r.amount), 0n);

/** The file as raw SQLite sees it. */
function rawContents(path: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return {
      version: (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
      costColumns: (db.prepare('PRAGMA table_info(cost_row)').all() as { name: string }[]).map((c) => c.name),
      usageColumns: (db.prepare('PRAGMA table_info(usage_row)').all() as { name: string }[]).map((c) => c.name),
      costRows: db
        .prepare('SELECT day, seq, project_id, line_item, amount, quantity, currency FROM cost_row ORDER BY day, seq')
        .all(),
      usageRows: db
        .prepare('SELECT day, seq, model, input, output, cached, requests FROM usage_row ORDER BY day, seq')
        .all(),
      totals: db.prepare('SELECT day, total FROM cost_day ORDER BY day').all(),
    };
  } finally {
    db.close();
  }
}

const ACC = 'acc_old';
const clock = new TestClock(new Date('2026-11-21T10:00:00Z'));

describe('a format-1 history opened by the current store', () => {
  let dataDir: string;
  let path: string;
  const store = () => new HistoryStore(dataDir, clock, new FileStateLocks(dataDir));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-upgrade-'));
    mkdirSync(join(dataDir, 'history', ACC), { recursive: true });
    path = join(dataDir, 'history', ACC, 'history.sqlite');
    writeFormat1(path);
  });

  it('reads every old row and sum as it was stored', () => {
    const before = rawContents(path);
    expect(before.version).toBe(1);
    const { history, corrupt } = store().load(ACC);
    expect(corrupt).toEqual([]);
    expect([...history.days()].sort()).toEqual(Object.keys(OLD_COSTS).sort());
    for (const [day, rows] of Object.entries(OLD_COSTS)) {
      // Old rows have no API key and no quantity unit: read back as rows that never had them.
      expect(history.costRows(day)).toStrictEqual(
        rows.map((r): CostRow => ({
          projectId: r.projectId,
          lineItem: r.lineItem,
          amount: units(r.amount),
          currency: r.currency,
          quantity: r.quantity,
        })),
      );
      expect(history.dayTotal(day)).toBe(usdTotal(day));
    }
    const old = history.summary('2025-10-15')!;
    expect(old.total).toBe(units('1.35'));
    expect(old.byProject).toEqual(
      new Map([
        ['proj_web', units('1.25')],
        ['(no project)', units('0.1')],
      ]),
    );
    expect(old.byLineItem).toEqual(
      new Map([
        ['gpt-4o-2024-08-06, input', units('1.25')],
        ['web search tool calls', units('0.1')],
      ]),
    );
    expect(old.byModel).toEqual(
      new Map([
        ['gpt-4o-2024-08-06', units('1.25')],
        ['web search tool calls', units('0.1')],
      ]),
    );
    expect(old.otherCurrencies).toEqual(new Map([['eur', units('2.1')]]));
    expect(history.summary('2026-11-11')!.total).toBe(0n);
    expect(history.usageRows('2025-10-15')).toStrictEqual([
      { model: 'gpt-4o-2024-08-06', inputTokens: 500_000, outputTokens: 0, cachedTokens: 100_000, requests: 40 },
    ]);
    expect(history.usageRows('2026-11-10')).toHaveLength(2);
    expect(history.usageRows('2026-11-11')).toBeUndefined();
  });

  it('counts old spend, which carries no API key and no user, as unattributed', () => {
    const { history } = store().load(ACC);
    const view = {
      history,
      projectNames: { proj_web: 'Web app' },
      provider: 'openai' as const,
      apiKeys: {},
      users: {},
    };
    for (const by of ['api_key', 'user'] as const) {
      const doc = breakdownDocument('Old', [view], '2025-10', by, '2026-11-21');
      expect(doc).toMatchObject({
        total: '1.35',
        unattributed: '1.35',
        rows: [],
        basis: by === 'api_key' ? 'billed' : 'estimated',
      });
      const november = breakdownDocument('Old', [view], '2026-11', by, '2026-11-21');
      expect(november.rows).toEqual([]);
      expect(november.unattributed).toBe(november.total);
      expect(november.total).toBe('3.333335');
    }
  });

  it('an old day breaks down by API key like the same rows written now: all of it under Unattributed', () => {
    const { history } = store().load(ACC);
    const view = { history, projectNames: {}, provider: 'openai' as const };
    // What the dashboard's by-API-key table shows for October 2025: its rows should add up to the month's $1.35.
    expect(breakdown([view], '2025-10-01', '2025-10-31', 'api_key')).toEqual([
      { key: '(unattributed)', name: 'Unattributed', micros: 1_350_000 },
    ]);
  });

  it('is upgraded in place to format 2, nothing lost, and takes new rows with keys beside the old', () => {
    const before = rawContents(path);
    const s = store();
    s.load(ACC);
    const after = rawContents(path);
    expect(after.version).toBe(2);
    expect(after.costColumns).toEqual(expect.arrayContaining(['quantity_unit', 'api_key_id']));
    expect(after.usageColumns).toEqual(
      expect.arrayContaining(['user_id', 'api_key_id', 'project_id', 'batch', 'service_tier']),
    );
    // Every old row, usage row and total, exactly as it was (amounts as the same text).
    expect(after.costRows).toEqual(before.costRows);
    expect(after.usageRows).toEqual(before.usageRows);
    expect(after.totals).toEqual(before.totals);
    expect(before.costRows).toHaveLength(5);

    // A sync after the upgrade writes a day with keys; the old days are untouched.
    const { history } = s.load(ACC);
    const keyed: CostRow[] = [
      {
        projectId: 'proj_web',
        lineItem: 'gpt-4o-2024-08-06, input',
        amount: units('0.75'),
        currency: 'usd',
        quantity: 300_000,
        quantityUnit: 'tokens',
        apiKeyId: 'key_web',
      },
      {
        projectId: 'proj_web',
        lineItem: 'gpt-4o-2024-08-06, input',
        amount: units('0.25'),
        currency: 'usd',
        quantity: 100_000,
        quantityUnit: 'tokens',
      },
    ];
    history.replaceCosts(new Map([['2026-11-12', keyed]]));
    expect(s.save(ACC)).toBe(1);
    const reopened = store().load(ACC).history;
    expect(reopened.costRows('2026-11-12')).toStrictEqual(keyed);
    expect(reopened.summary('2026-11-12')!.byApiKey).toEqual(
      new Map([
        ['key_web', units('0.75')],
        ['(unattributed)', units('0.25')],
      ]),
    );
    for (const day of Object.keys(OLD_COSTS)) expect(reopened.dayTotal(day)).toBe(usdTotal(day));
    expect(rawContents(path).costRows.slice(0, 5)).toEqual(before.costRows);
  });

  it('two processes opening the same format-1 file at once both read it', async () => {
    // Another process (the app, while the CLI starts) is upgrading the file: it holds the write lock, then runs
    // the same ALTER TABLEs the current code runs and commits. This process read user_version 1 before that commit.
    const upgrade = [
      'ALTER TABLE cost_row ADD COLUMN quantity_unit TEXT;',
      'ALTER TABLE cost_row ADD COLUMN api_key_id TEXT;',
      'ALTER TABLE usage_row ADD COLUMN user_id TEXT;',
      'ALTER TABLE usage_row ADD COLUMN api_key_id TEXT;',
      'ALTER TABLE usage_row ADD COLUMN project_id TEXT;',
      'ALTER TABLE usage_row ADD COLUMN batch INTEGER;',
      'ALTER TABLE usage_row ADD COLUMN service_tier TEXT;',
    ].join(' ');
    const script = `
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(${JSON.stringify(path)});
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec(${JSON.stringify(`${upgrade} PRAGMA user_version = 2; COMMIT;`)}); db.close(); }, 1500);
    `;
    const other = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => other.on('close', resolve));
    await new Promise<void>((resolve) =>
      other.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()),
    );
    try {
      const { history } = store().load(ACC);
      expect(history.dayTotal('2025-10-15')).toBe(units('1.35'));
    } finally {
      await exited;
    }
    expect(rawContents(path).version).toBe(2);
  });
});

describe('the first sync after the upgrade', () => {
  const KEY = 'sk-admin-upgrade-aaaaaaaaaaaaaaaa';
  const NOW = new Date('2026-11-21T10:00:00Z');
  let server: FakeOpenAiServer;
  let core: TestSpendwatch;
  let dataDir: string;
  let syncClock: TestClock;
  const org = attributedOrganisation(60, NOW);
  const events: { event: string; payload: unknown }[] = [];

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [KEY]: org });
    const baseUrl = await server.start();
    dataDir = mkdtempSync(join(tmpdir(), 'sw-upgrade-sync-'));
    syncClock = new TestClock(NOW);
    events.length = 0;
    core = createLoopbackSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: syncClock,
      emit: (event, payload) => events.push({ event, payload }),
    });
    await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY, baseUrl });
    server.clearLog();
  });
  afterEach(() => server.stop());

  /** The account's history as format 1 left it, with the sync state that version wrote (optionally with rowsFormat 1). */
  const leaveFormat1 = (rowsFormat: 1 | undefined): string => {
    const id = core.accounts.get('Acme').id;
    const dir = join(dataDir, 'history', id);
    mkdirSync(dir, { recursive: true });
    writeFormat1(join(dir, 'history.sqlite'));
    const state = {
      lastSuccessAt: '2026-11-21T09:00:00.000Z',
      lastAttemptAt: '2026-11-21T09:00:00.000Z',
      lastError: null,
      consecutiveFailures: 0,
      firstFailureAt: null,
      // First backfilled a year before this one's window: 2025-10-15 lies before the window, and stays.
      backfilledFrom: '2024-12-01',
      usageFetchedAt: '2026-11-21T09:00:00.000Z',
      projectsFetchedAt: '2026-11-21T09:00:00.000Z',
      checkedAt: '2026-11-21T09:00:00.000Z',
      warning: null,
      currency: 'usd',
      projects: { proj_web: 'Web app', proj_data: 'Data pipeline', proj_lab: 'Research lab' },
      ...(rowsFormat === undefined ? {} : { rowsFormat }),
    };
    writeFileSync(join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
    return id;
  };
  const startOf = (request: { query: URLSearchParams }) =>
    new Date(Number(request.query.get('start_time')) * 1000).toISOString().slice(0, 10);

  it.each([
    ['without rowsFormat (as format 1 wrote it)', undefined],
    ['with rowsFormat 1', 1 as const],
  ])(
    '%s: fetches the whole backfill window once, then polls; per-key sums are the bill',
    async (_label, rowsFormat) => {
      const id = leaveFormat1(rowsFormat);
      const first = await core.services.sync.syncAll([id]);
      expect(first.results[0]).toMatchObject({ ok: true, warning: null });
      // The backfill window of a first sync: 12 calendar months, this one included.
      const costs = server.requestsTo('/organization/costs');
      expect(startOf(costs[0])).toBe('2025-12-01');
      expect(startOf(server.requestsTo('/organization/usage/completions')[0])).toBe('2025-12-01');
      const phases = new Set(
        events.filter((e) => e.event === 'syncProgress').map((e) => (e.payload as { phase: string }).phase),
      );
      expect(phases).toEqual(new Set(['backfill']));
      expect(core.services.history.readState(id).rowsFormat).toBe(2);

      // Per key, this month: exactly the fake's rows per key (spend without a key unattributed).
      const doc = core.insights.breakdown('api_key', { month: '2026-11' });
      const perKey = new Map<string | null, WireAmount[]>();
      const all: WireAmount[] = [];
      for (const [day, rows] of Object.entries(org.costs)) {
        if (!day.startsWith('2026-11')) continue;
        for (const row of rows) {
          perKey.set(row.apiKeyId ?? null, [...(perKey.get(row.apiKeyId ?? null) ?? []), row.value]);
          all.push(row.value);
        }
      }
      expect(doc.total).toBe(microsText(expectedSumMicros(all)));
      expect(doc.unattributed).toBe(microsText(expectedSumMicros(perKey.get(null) ?? [])));
      expect(Object.fromEntries(doc.rows.map((r) => [r.id, [r.name, r.amount]]))).toEqual(
        Object.fromEntries(
          [...perKey]
            .filter(([k]) => k !== null)
            .map(([k, values]) => [
              k,
              [org.apiKeys!.find((key) => key.id === k)!.name, microsText(expectedSumMicros(values))],
            ]),
        ),
      );
      expect(doc.rows.length).toBeGreaterThanOrEqual(3);

      // The old day inside the window was replaced by the bill's rows; the one before the window is kept as it was.
      const { history } = core.services.history.load(id);
      expect(history.costRows('2026-11-10')).toHaveLength(org.costs['2026-11-10'].length);
      expect(
        history
          .costRows('2026-11-10')!
          .every((r) => r.quantityUnit !== undefined || r.lineItem === 'web search tool calls'),
      ).toBe(true);
      expect(history.dayTotal('2025-10-15')).toBe(units('1.35'));
      expect(history.costRows('2025-10-15')).toHaveLength(3);

      // The next poll: one Costs request for the recent window, no backfill.
      server.clearLog();
      events.length = 0;
      syncClock.advance(15 * 60_000);
      const second = await core.services.sync.syncAll([id]);
      expect(second.results[0].ok).toBe(true);
      expect(server.requestsTo('/organization/costs').map(startOf)).toEqual(['2026-11-18']);
      expect(server.requestsTo('/organization/usage/completions')).toEqual([]);
      expect(
        events
          .filter((e) => e.event === 'syncProgress')
          .every((e) => (e.payload as { phase: string }).phase === 'incremental'),
      ).toBe(true);
      expect(core.insights.breakdown('api_key', { month: '2026-11' })).toEqual(doc);
    },
  );
});
