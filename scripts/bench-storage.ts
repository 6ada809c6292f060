// `npm run bench:storage`: the two history designs considered, on the mid-size organisation's year (20 projects ×
// 60 line items × 365 days, amounts with 40 fraction digits), measured the same way. The figures and the decision
// are in docs/contributing/performance.md.
//  A. SQLite (node:sqlite): rows and per-day sums in one database, sums read a month at a time (what ships).
//  B. JSON files: per month a rows file (the earlier format) plus a summary file of per-day sums, read lazily.
// For each: the cold read `status` needs (this month's sums and every day's total), the cold read of a 12-month
// dashboard (every day's sums), a poll's write (4 days replaced) and the size on disk.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayRange, monthOf } from '../src/shared/dates';
import { exactToDecimal, parseExact } from '../src/shared/money';
import { summarise, type DaySummary } from '../src/main/core/history/account-history';
import { HistoryDatabase, type DayWrite } from '../src/main/core/history/history-database';
import { parseMonth } from '../src/main/core/history/month-file';
import type { CostRow } from '../src/main/core/history/types';
import { writeFileAtomic } from '../src/main/core/fs/atomic-file';
import { MID_SIZE, lineItemName } from '../test/fake-openai/scale-organisations';

const TODAY = '2026-11-21';
const days = dayRange(addDays(TODAY, -(MID_SIZE.days - 1)), TODAY);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn: () => void, runs = 7) =>
  median(Array.from({ length: runs }, () => ((t) => (fn(), performance.now() - t))(performance.now())));
const size = (dir: string) =>
  readdirSync(dir, { recursive: true }).reduce((sum, f) => sum + statSync(join(dir, String(f))).size, 0);

function rowsFor(day: string, d: number, bump = 0): CostRow[] {
  const rows: CostRow[] = [];
  for (let p = 0; p < MID_SIZE.projects; p++) {
    for (let l = 0; l < MID_SIZE.lineItemsPerProject; l++) {
      const cents = ((d * 31 + p * 7 + l * 13) % 9000) + 1 + bump;
      const tail = String((d * 17 + p * 5 + l * 3) % 1_000_000).padStart(6, '0');
      const amount = parseExact(
        `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}${tail}00000000000000000000000000000001`,
      );
      rows.push({
        projectId: `proj_${String(p).padStart(3, '0')}`,
        lineItem: lineItemName(l),
        amount,
        currency: 'usd',
        quantity: cents * 1000,
      });
    }
  }
  void day;
  return rows;
}

const year = new Map(days.map((day, d): [string, CostRow[]] => [day, rowsFor(day, d)]));
const byMonth = new Map<string, string[]>();
for (const day of days) byMonth.set(monthOf(day), [...(byMonth.get(monthOf(day)) ?? []), day]);
const thisMonth = monthOf(TODAY);

// A. SQLite
{
  const dir = mkdtempSync(join(tmpdir(), 'sw-storage-a-'));
  const path = join(dir, 'history.sqlite');
  const db = HistoryDatabase.open(path, { create: true });
  db.write(
    new Map([...year].map(([day, rows]): [string, DayWrite] => [day, { rows, summary: summarise(rows) }])),
    new Map(),
  );
  db.close();
  const statusRead = time(() => {
    const fresh = HistoryDatabase.open(path, { create: false });
    fresh.monthSummaries(thisMonth, fresh.dayTotals());
    fresh.close();
  });
  const yearRead = time(() => {
    const fresh = HistoryDatabase.open(path, { create: false });
    const totals = fresh.dayTotals();
    for (const month of byMonth.keys()) fresh.monthSummaries(month, totals);
    fresh.close();
  });
  let bump = 0;
  const pollWrite = time(() => {
    const fresh = HistoryDatabase.open(path, { create: false });
    bump++;
    fresh.write(
      new Map(
        days
          .slice(-4)
          .map((day, i): [string, DayWrite] => [
            day,
            ((rows) => ({ rows, summary: summarise(rows) }))(rowsFor(day, days.length - 4 + i, bump)),
          ]),
      ),
      new Map(),
    );
    fresh.close();
  });
  console.log(
    `A. SQLite: status read ${statusRead.toFixed(1)} ms; 12-month read ${yearRead.toFixed(1)} ms; poll write ${pollWrite.toFixed(1)} ms; ${(size(dir) / 2 ** 20).toFixed(1)} MB on disk`,
  );
}

// B. JSON month files with per-day summary files
{
  const dir = mkdtempSync(join(tmpdir(), 'sw-storage-b-'));
  mkdirSync(dir, { recursive: true });
  const summaryJson = (summaries: Map<string, DaySummary>) =>
    JSON.stringify(
      Object.fromEntries(
        [...summaries].map(([day, s]) => [
          day,
          {
            total: exactToDecimal(s.total),
            p: Object.fromEntries([...s.byProject].map(([k, v]) => [k, exactToDecimal(v)])),
            l: Object.fromEntries([...s.byLineItem].map(([k, v]) => [k, exactToDecimal(v)])),
            m: Object.fromEntries([...s.byModel].map(([k, v]) => [k, exactToDecimal(v)])),
          },
        ]),
      ),
    );
  const rowsJson = (month: string, monthDays: string[], rows: Map<string, CostRow[]>) =>
    JSON.stringify({
      version: 2,
      month,
      costs: Object.fromEntries(
        monthDays.map((day) => [
          day,
          rows.get(day)!.map((r) => [r.projectId, r.lineItem, exactToDecimal(r.amount), r.quantity, r.currency]),
        ]),
      ),
      usage: {},
    });
  const writeMonth = (month: string, rows: Map<string, CostRow[]>) => {
    const monthDays = byMonth.get(month)!;
    writeFileAtomic(join(dir, `${month}.json`), rowsJson(month, monthDays, rows));
    writeFileAtomic(
      join(dir, `${month}.summary.json`),
      summaryJson(new Map(monthDays.map((day) => [day, summarise(rows.get(day)!)]))),
    );
  };
  for (const month of byMonth.keys()) writeMonth(month, year);
  const readSummary = (month: string) => {
    const parsed = JSON.parse(readFileSync(join(dir, `${month}.summary.json`), 'utf8')) as Record<
      string,
      { total: string; p: Record<string, string>; l: Record<string, string>; m: Record<string, string> }
    >;
    for (const s of Object.values(parsed)) {
      parseExact(s.total);
      for (const dim of [s.p, s.l, s.m]) for (const v of Object.values(dim)) parseExact(v);
    }
  };
  const statusRead = time(() => {
    // Every day's total needs every summary file (or a third index file); here only this month's, as a floor.
    readSummary(thisMonth);
  });
  const yearRead = time(() => {
    for (const month of byMonth.keys()) readSummary(month);
  });
  let bump = 0;
  const pollWrite = time(() => {
    bump++;
    const rows = new Map(parseMonth(thisMonth, readFileSync(join(dir, `${thisMonth}.json`), 'utf8')).costs);
    for (const [i, day] of days.slice(-4).entries()) rows.set(day, rowsFor(day, days.length - 4 + i, bump));
    writeMonth(thisMonth, rows);
  });
  console.log(
    `B. JSON files + summaries: status read ${statusRead.toFixed(1)} ms (floor); 12-month read ${yearRead.toFixed(1)} ms; poll write ${pollWrite.toFixed(1)} ms; ${(size(dir) / 2 ** 20).toFixed(1)} MB on disk`,
  );
}
