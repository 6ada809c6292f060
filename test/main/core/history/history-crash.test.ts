/**
 * The history database across processes, with real processes: a writer killed with SIGKILL in the middle of its
 * save leaves the last saved history (SQLite's journal is rolled back by the next opener), and a reader during a
 * large save sees either all of it or none of it, never half.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../src/main/core/history/history-store';
import { FileStateLocks } from '../../../../src/main/core/fs/state-lock';
import { TestClock } from '../../../support/test-clock';
import { microsToExact } from '../../../../src/shared/money';

const WRITER = join(import.meta.dirname, 'support', 'write-history.ts');

function writer(dataDir: string, days: number, rowsPerDay: number, cents: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, dataDir, 'acc_1', String(days), String(rowsPerDay), String(cents)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(word) ? resolve() : undefined);
      child.stdout.on('data', check);
      child.on('exit', (code) =>
        out.includes(word) ? resolve() : reject(new Error(`writer exited ${code} before "${word}": ${err}`)),
      );
      check();
    });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? -1 : code)),
  );
  return { child, said, exited };
}

const total = (dir: string) => {
  const history = new HistoryStore(dir, new TestClock(new Date('2026-11-21T12:00:00Z')), new FileStateLocks(dir)).load(
    'acc_1',
  ).history;
  let sum = 0n;
  for (const day of history.days()) sum += history.dayTotal(day)!;
  return { days: history.dayCount, sum };
};

const integrity = (dir: string) => {
  const db = new DatabaseSync(join(dir, 'history', 'acc_1', 'history.sqlite'), { readOnly: true });
  const result = db.prepare('PRAGMA integrity_check').all();
  db.close();
  return result;
};

describe('the history database across processes', () => {
  it('a writer killed mid-save leaves the last saved history whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-crash-'));
    const first = writer(dir, 30, 50, 1);
    expect(await first.exited).toBe(0);
    const saved = total(dir);
    expect(saved).toEqual({ days: 30, sum: microsToExact(30 * 50 * 10_000) });

    // A large save (40 days of 4,000 rows) killed as soon as its journal exists: the transaction is under way.
    const second = writer(dir, 40, 4000, 2);
    await second.said('staged');
    const journal = join(dir, 'history', 'acc_1', 'history.sqlite-journal');
    const deadline = Date.now() + 20_000;
    while (!existsSync(journal) && Date.now() < deadline && second.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 1));
    expect(existsSync(journal)).toBe(true);
    second.child.kill('SIGKILL');
    await second.exited;

    // The next opener rolls the journal back: exactly the history of the first save, every page sound.
    expect(total(dir)).toEqual(saved);
    expect(integrity(dir)).toEqual([{ integrity_check: 'ok' }]);
    // And what the killed writer left (its staging, a journal no longer hot) goes with the next writer's save.
    const third = writer(dir, 10, 10, 3);
    expect(await third.exited).toBe(0);
    expect(total(dir)).toEqual({
      days: 30,
      sum: saved.sum - microsToExact(10 * 50 * 10_000) + microsToExact(10 * 10 * 30_000),
    });
    expect(readdirSync(join(dir, 'history', 'acc_1')).filter((f) => /journal|staging|migrating/.test(f))).toEqual([]);
  }, 60_000);

  it('a reader during a large save sees all of it or none of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-concurrent-'));
    expect(await writer(dir, 5, 10, 1).exited).toBe(0);
    const before = total(dir);
    const big = writer(dir, 90, 3000, 4);
    await big.said('staged');
    const seen = new Set<string>();
    while (big.child.exitCode === null) {
      const { days, sum } = total(dir);
      seen.add(`${days}:${sum}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await big.exited).toBe(0);
    const after = total(dir);
    expect(after).toEqual({ days: 90, sum: microsToExact(90 * 3000 * 40_000) });
    for (const state of seen) expect([`${before.days}:${before.sum}`, `${after.days}:${after.sum}`]).toContain(state);
  }, 60_000);
});
