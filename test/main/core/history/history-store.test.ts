import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../src/main/core/history/history-store';
import { TestClock } from '../../../support/test-clock';
import { costRow } from '../../../support/cost-row';
import { microsToExact } from '../../../../src/shared/money';

const row = (micros: number) => costRow('p', 'li', micros);

describe('history store', () => {
  it("sees another process's sync: the app's cached history and state are read again once state.json changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-hist-'));
    const app = new HistoryStore(dir, new TestClock(new Date()));
    const cli = new HistoryStore(dir, new TestClock(new Date()));
    // The app has read the account (and keeps it in memory).
    expect(app.load('acc_1').history.costs.size).toBe(0);
    expect(app.readState('acc_1').lastSuccessAt).toBeNull();
    // The CLI syncs it: months first, the state last, under the account's lock.
    await cli.withAccountLock('acc_1', async () => {
      cli.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
      cli.save('acc_1');
      cli.writeState('acc_1', { ...cli.readState('acc_1'), lastSuccessAt: '2026-11-21T10:00:00.000Z' });
    });
    expect(app.readState('acc_1').lastSuccessAt).toBe('2026-11-21T10:00:00.000Z');
    expect(app.load('acc_1').history.costs.get('2026-11-01')).toEqual([row(2)]);
    // Nothing changed since: the app serves from memory (the same object).
    expect(app.load('acc_1')).toBe(app.load('acc_1'));
  });

  it("keeps its own sync's unsaved changes: while it syncs (holding the lock) its memory wins over any state.json change", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-hist-'));
    const store = new HistoryStore(dir, new TestClock(new Date()));
    await store.withAccountLock('acc_1', async () => {
      store.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(5)]]]));
      store.writeState('acc_1', { ...store.readState('acc_1'), lastSuccessAt: '2026-11-21T10:00:00.000Z' });
      // Something that ignores the lock (a hand edit) replaces state.json mid-sync: the sync's changes still land.
      writeFileSync(join(dir, 'history', 'acc_1', 'state.json'), `${readFileSync(join(dir, 'history', 'acc_1', 'state.json'), 'utf8')} `);
      expect(store.save('acc_1')).toBe(1);
    });
    expect(new HistoryStore(dir, new TestClock(new Date())).load('acc_1').history.costs.get('2026-11-01')).toEqual([row(5)]);
  });

  it('persists per month, atomically, and reloads the same rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-hist-'));
    const store = new HistoryStore(dir, new TestClock(new Date()));
    const { history } = store.load('acc_1');
    history.replaceCosts(new Map([['2026-10-31', [row(1)]], ['2026-11-01', [row(2)]], ['2026-11-02', []]]));
    expect(store.save('acc_1')).toBe(2);
    expect(readdirSync(join(dir, 'history', 'acc_1')).sort()).toEqual(['2026-10.json', '2026-11.json']);
    const reloaded = new HistoryStore(dir, new TestClock(new Date())).load('acc_1').history;
    expect(reloaded.costs.get('2026-11-01')).toEqual([row(2)]);
    expect(reloaded.costs.get('2026-11-02')).toEqual([]);
    expect(reloaded.summary('2026-10-31')?.total).toBe(microsToExact(1));
  });

  it('writes nothing when a replace changes nothing, and no temp files are left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-hist-'));
    const store = new HistoryStore(dir, new TestClock(new Date()));
    const { history } = store.load('acc_1');
    history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
    store.save('acc_1');
    expect(history.replaceCosts(new Map([['2026-11-01', [row(2)]]]))).toEqual([]);
    expect(store.save('acc_1')).toBe(0);
    expect(readdirSync(join(dir, 'history', 'acc_1')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['truncated JSON', '{"version":1,'],
    ['wrong schema', '{"version":1,"month":"2026-11","costs":{"2026-11-01":[["p","li","12",null]]},"usage":{}}'],
    ['day from another month', '{"version":1,"month":"2026-11","costs":{"2026-10-01":[]},"usage":{}}'],
  ])('quarantines a corrupt file (%s) and reports it instead of crashing', (_label, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-hist-'));
    const store = new HistoryStore(dir, new TestClock(new Date('2026-11-21T00:00:00Z')));
    store.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
    store.save('acc_1');
    const path = join(dir, 'history', 'acc_1', '2026-11.json');
    writeFileSync(path, text);
    const loaded = new HistoryStore(dir, new TestClock(new Date('2026-11-21T00:00:00Z'))).load('acc_1');
    expect(loaded.corrupt).toHaveLength(1);
    expect(loaded.corrupt[0].month).toBe('2026-11');
    expect(readFileSync(loaded.corrupt[0].movedTo, 'utf8')).toBe(text);
    expect(loaded.history.costs.size).toBe(0);
  });

  it('refuses path-like account ids', () => {
    const store = new HistoryStore(mkdtempSync(join(tmpdir(), 'sw-hist-')), new TestClock(new Date()));
    expect(() => store.load('../etc')).toThrow(/Bad account id/);
  });
});

describe('month files', () => {
  it('refuse rows that are not what was written, naming the day and row', async () => {
    const { parseMonth } = await import('../../../../src/main/core/history/month-file');
    const file = (costs: unknown) => JSON.stringify({ version: 2, month: '2026-11', costs, usage: {} });
    expect(parseMonth('2026-11', file({ '2026-11-01': [['p', 'x', '1.5', null, 'usd']] })).costs.get('2026-11-01')).toHaveLength(1);
    expect(() => parseMonth('2026-11', file({ '2026-11-01': [['p', 'x', '1.5', null, 'usd'], ['p', 'x', 1.5, null, 'usd']] }))).toThrow(/2026-11-01 row 2/);
    expect(() => parseMonth('2026-11', file({ '2026-11-01': [['p', 'x', '1e5', null, 'usd']] }))).toThrow(/exact amount/);
    expect(() => parseMonth('2026-11', file({ '2026-11-01': [['p', 'x', '1', null, 'USD']] }))).toThrow(/currency/);
    expect(() => parseMonth('2026-11', file({ '2026-11-01': [[{}, 'x', '1', null, 'usd']] }))).toThrow(/label/);
    expect(() => parseMonth('2026-11', file({ '2026-12-01': [] }))).toThrow(/does not belong/);
    expect(() => parseMonth('2026-11', JSON.stringify({ version: 3, month: '2026-11', costs: {}, usage: {} }))).toThrow();
  });
});
