import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakdown,
  dailySeries,
  monthToDate,
  stackOrder,
  totalBetween,
  type HistoryView,
} from '../../../../src/main/core/aggregate/aggregations';
import { CREDITS_SERIES, OTHER_SERIES } from '../../../../src/shared/dimensions';
import { budgetRunOutDay, forecastMonthEnd, runRate } from '../../../../src/main/core/aggregate/forecast';
import { modelFromLineItem } from '../../../../src/main/core/aggregate/line-items';
import { AccountHistory } from '../../../../src/main/core/history/account-history';
import type { CostRow } from '../../../../src/main/core/history/types';
import { costRow } from '../../../support/cost-row';
import { spendFromDays } from '../../../support/spend';

function view(days: Record<string, CostRow[]>, names: Record<string, string> = {}): HistoryView {
  const history = new AccountHistory();
  history.replaceCosts(new Map(Object.entries(days)));
  return { history, projectNames: names };
}

const r = (projectId: string | null, lineItem: string | null, micros: number): CostRow =>
  costRow(projectId, lineItem, micros);

describe('aggregations', () => {
  it('names projects from own entries only: an unnamed "constructor" or "toString" id is shown as its id', () => {
    const v = view({ '2026-11-01': [r('constructor', 'x', 1), r('toString', 'y', 2), r('p1', 'z', 3)] }, { p1: 'Web' });
    expect(breakdown([v], '2026-11-01', '2026-11-01', 'project').map((p) => [p.key, p.name])).toEqual([
      ['p1', 'Web'],
      ['toString', 'toString'],
      ['constructor', 'constructor'],
    ]);
  });

  it('totals month to date in UTC months and breaks down by project (named), line item and model', () => {
    const v = view(
      {
        '2026-10-31': [r('p1', 'gpt-4o, input', 999)],
        '2026-11-01': [r('p1', 'gpt-4o, input', 100), r('p2', 'gpt-4o, output', 50)],
        '2026-11-02': [r(null, 'whisper-1', 7)],
      },
      { p1: 'Web' },
    );
    expect(monthToDate([v], '2026-11-02')).toBe(157);
    expect(breakdown([v], '2026-11-01', '2026-11-02', 'project')).toEqual([
      { key: 'p1', name: 'Web', micros: 100 },
      { key: 'p2', name: 'p2', micros: 50 },
      { key: '(no project)', name: '(no project)', micros: 7 },
    ]);
    expect(breakdown([v], '2026-11-01', '2026-11-02', 'model').map((m) => [m.key, m.micros])).toEqual([
      ['gpt-4o', 150],
      ['whisper-1', 7],
    ]);
    expect(totalBetween([v], '2026-10-01', '2026-10-31')).toBe(999);
    expect(totalBetween([v], '2026-11-01', '2026-11-30')).toBe(157);
  });

  it('folds series beyond the top N into Other without losing a micro', () => {
    const rows = Array.from({ length: 12 }, (_, i) => r(`p${i}`, `li${i}`, (i + 1) * 10));
    const v = view({ '2026-11-01': rows });
    const series = dailySeries([v], '2026-11-01', '2026-11-01', 'line_item', 8);
    expect(series.series).toHaveLength(9);
    expect(series.series.at(-1)).toEqual({ key: OTHER_SERIES, label: 'Other' });
    const point = series.points[0];
    expect(Object.values(point.values).reduce((a, b) => a + b, 0)).toBe(point.totalMicros);
    expect(point.values[OTHER_SERIES]).toBe(10 + 20 + 30 + 40);
  });

  it('keeps credits (negative totals) as their own last series, never in Other, which holds only real spend', () => {
    // 11 spending line items, two credit grants: Other is the 3 smallest spenders' $60, not $60 − $115.
    const rows = [
      ...Array.from({ length: 11 }, (_, i) => r(`p${i}`, `li${i}`, (i + 1) * 10)),
      r('p0', 'credit grant', -100),
      r('p1', 'promo credit', -15),
    ];
    const v = view({ '2026-11-01': rows, '2026-11-02': [r('p2', 'li10', 5)] });
    const series = dailySeries([v], '2026-11-01', '2026-11-02', 'line_item', 8);
    expect(series.series.map((s) => s.key)).toEqual([
      'li10',
      'li9',
      'li8',
      'li7',
      'li6',
      'li5',
      'li4',
      'li3',
      OTHER_SERIES,
      CREDITS_SERIES,
    ]);
    expect(series.series.at(-1)).toEqual({ key: CREDITS_SERIES, label: 'Credits' });
    const [first, second] = series.points;
    expect(first.values[OTHER_SERIES]).toBe(10 + 20 + 30);
    expect(first.values[CREDITS_SERIES]).toBe(-115);
    expect(Object.values(first.values).reduce((a, b) => a + b, 0)).toBe(first.totalMicros);
    expect(second.values).toEqual({ li10: 5 });
  });

  it('derives one stack order: largest positive totals first, ties by name, then Other, then Credits', () => {
    const ranked = [
      { key: 'b', name: 'Beta', micros: 50 },
      { key: 'a', name: 'Alpha', micros: 50 },
      { key: 'c', name: 'Gamma', micros: 20 },
      { key: 'z', name: 'Zero', micros: 0 },
      { key: 'credit', name: 'Credit', micros: -40 },
    ];
    // breakdown() ranks by exact total then name; stackOrder keeps that order and places the folded ones last.
    const { series, seriesOf } = stackOrder(ranked, 2);
    expect(series.map((s) => s.key)).toEqual(['b', 'a', OTHER_SERIES, CREDITS_SERIES]);
    expect([seriesOf('c'), seriesOf('z'), seriesOf('credit'), seriesOf('a')]).toEqual([
      OTHER_SERIES,
      OTHER_SERIES,
      CREDITS_SERIES,
      'a',
    ]);
    // Without a credit or a remainder, neither is a series.
    expect(stackOrder(ranked.slice(0, 2), 8).series.map((s) => s.key)).toEqual(['b', 'a']);
  });

  it('keeps the stack order the same whatever the range when the ranking is the same (range, grouping, filter)', () => {
    const days: Record<string, CostRow[]> = {};
    for (let d = 1; d <= 28; d++)
      days[`2026-11-${String(d).padStart(2, '0')}`] = [r('big', 'x', 300), r('mid', 'x', 200), r('small', 'x', 100)];
    const v = view(days);
    const order = (from: string, to: string) => dailySeries([v], from, to, 'project', 2).series.map((s) => s.key);
    expect(order('2026-11-01', '2026-11-07')).toEqual(['big', 'mid', OTHER_SERIES]);
    expect(order('2026-11-01', '2026-11-28')).toEqual(['big', 'mid', OTHER_SERIES]);
  });

  it('parts always sum to the total, for any rows (property)', () => {
    const rowArb = fc
      .record({
        projectId: fc.constantFrom('a', 'b', 'c', null),
        lineItem: fc.constantFrom('x, input', 'x, output', 'y', null),
        micros: fc.integer({ min: -5_000_000, max: 500_000_000 }),
      })
      .map((row) => costRow(row.projectId, row.lineItem, row.micros));
    const dayArb = fc.dictionary(
      fc.constantFrom('2026-11-01', '2026-11-02', '2026-11-03', '2026-10-30'),
      fc.array(rowArb, { maxLength: 30 }),
    );
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        const views = [view(a), view(b)];
        const total = totalBetween(views, '2026-10-01', '2026-11-30');
        const rawSum = [...Object.values(a), ...Object.values(b)]
          .flat()
          .reduce((s, row) => s + Number(row.amount / 10n ** 42n), 0);
        const sumOf = (g: 'project' | 'line_item' | 'model') =>
          breakdown(views, '2026-10-01', '2026-11-30', g).reduce((s, x) => s + x.micros, 0);
        const series = dailySeries(views, '2026-10-01', '2026-11-30', 'project', 2);
        const seriesSum = series.points.reduce((s, p) => s + Object.values(p.values).reduce((x, y) => x + y, 0), 0);
        return (
          total === rawSum &&
          sumOf('project') === total &&
          sumOf('line_item') === total &&
          sumOf('model') === total &&
          seriesSum === total
        );
      }),
    );
  });

  it('derives the model from opaque line items', () => {
    expect(modelFromLineItem('gpt-4o-2024-08-06, input')).toBe('gpt-4o-2024-08-06');
    expect(modelFromLineItem('ft:gpt-4o:acme, cached input')).toBe('ft:gpt-4o:acme');
    expect(modelFromLineItem('web search tool calls')).toBe('web search tool calls');
    expect(modelFromLineItem(null)).toBe('(other)');
  });
});

describe('forecast', () => {
  const daily = (values: Record<string, number>) => (day: string) => values[day];

  it('projects month end from the last 7 complete days, counting today at least at the run rate', () => {
    const values: Record<string, number> = {};
    for (let d = 1; d <= 20; d++) values[`2026-11-${String(d).padStart(2, '0')}`] = 10_000_000;
    values['2026-11-21'] = 2_000_000; // today, partial
    expect(runRate(daily(values), '2026-11-21')).toBe(10_000_000);
    // 20 complete days + today at rate + 9 more days = 30 × $10
    expect(forecastMonthEnd(spendFromDays(values), '2026-11-21')).toBe(300_000_000);
    values['2026-11-21'] = 25_000_000; // a heavy today counts as it is
    expect(forecastMonthEnd(spendFromDays(values), '2026-11-21')).toBe(200_000_000 + 25_000_000 + 90_000_000);
  });

  it('uses the previous month for the run rate on the 1st, and gives null with no data', () => {
    expect(forecastMonthEnd(spendFromDays({ '2026-10-31': 3_000_000 }), '2026-11-01')).toBe(90_000_000);
    expect(forecastMonthEnd(spendFromDays({}), '2026-11-10')).toBeNull();
    // A few hours of today and nothing before: no forecast, never those hours multiplied out to a month.
    expect(forecastMonthEnd(spendFromDays({ '2026-11-01': 500_000 }), '2026-11-01')).toBeNull();
    // On the 1st with last month's pace: today counts at that pace, its few hours are not extrapolated.
    expect(forecastMonthEnd(spendFromDays({ '2026-10-31': 3_000_000, '2026-11-01': 500_000 }), '2026-11-01')).toBe(
      90_000_000,
    );
  });

  it('finds the day a budget runs out at the current pace', () => {
    expect(budgetRunOutDay(401_220_000, 500_000_000, 20_000_000, '2026-11-21')).toBe('2026-11-26');
    expect(budgetRunOutDay(600, 500, 1, '2026-11-21')).toBe('2026-11-21');
    expect(budgetRunOutDay(100, 500_000_000, 1, '2026-11-21')).toBeNull();
  });
});

describe('dashboard series', () => {
  it('folds days into UTC calendar months without losing a micro (the 12-month range: one bar a month)', async () => {
    const { monthlySeries } = await import('../../../../src/main/core/aggregate/aggregations');
    const days: Record<string, CostRow[]> = {};
    for (let d = 20; d <= 30; d++) days[`2026-10-${d}`] = [r('p', 'x', d * 1000)];
    for (let d = 1; d <= 25; d++) days[`2026-11-${String(d).padStart(2, '0')}`] = [r('p', 'x', d * 1000)];
    const v = view(days);
    const daily = dailySeries([v], '2026-10-22', '2026-11-25', 'project');
    const monthly = monthlySeries([v], '2026-10-22', '2026-11-25', 'project');
    expect(monthly.bucket).toBe('month');
    // Keyed by each month's first day inside the range; the running month is month to date.
    expect(monthly.points.map((p) => p.day)).toEqual(['2026-10-22', '2026-11-01']);
    expect(monthly.points.map((p) => p.totalMicros)).toEqual([
      (22 + 23 + 24 + 25 + 26 + 27 + 28 + 29 + 30) * 1000,
      ((25 * 26) / 2) * 1000,
    ]);
    expect(monthly.points.reduce((s, p) => s + p.totalMicros, 0)).toBe(
      daily.points.reduce((s, p) => s + p.totalMicros, 0),
    );
  });

  it('month progress: cumulative to today, then the run rate to month end', async () => {
    const { monthProgress } = await import('../../../../src/main/core/aggregate/aggregations');
    const days: Record<string, CostRow[]> = {};
    for (let d = 1; d <= 20; d++) days[`2026-11-${String(d).padStart(2, '0')}`] = [r('p', 'x', 10_000_000)];
    days['2026-11-21'] = [r('p', 'x', 2_000_000)];
    const points = monthProgress([view(days)], '2026-11-21');
    expect(points).toHaveLength(30);
    expect(points[19]).toEqual({ day: '2026-11-20', actualMicros: 200_000_000, projectedMicros: null });
    expect(points[20]).toEqual({ day: '2026-11-21', actualMicros: 202_000_000, projectedMicros: 210_000_000 });
    expect(points[29]).toEqual({ day: '2026-11-30', actualMicros: null, projectedMicros: 300_000_000 });
  });

  it('month over month compares with the same days of last month, keeping what vanished', async () => {
    const { monthOverMonth } = await import('../../../../src/main/core/aggregate/aggregations');
    const v = view(
      {
        '2026-10-05': [r('p1', 'x', 100), r('p_old', 'x', 40)],
        '2026-10-25': [r('p1', 'x', 999)], // after the 21st: not part of "same days"
        '2026-11-05': [r('p1', 'x', 150)],
      },
      { p1: 'Web' },
    );
    expect(monthOverMonth([v], '2026-11-21', 'project')).toEqual({
      comparedDays: 20,
      rows: [
        { key: 'p1', name: 'Web', micros: 150, comparedMicros: 150, previousMicros: 100 },
        { key: 'p_old', name: 'p_old', micros: 0, comparedMicros: 0, previousMicros: 40 },
      ],
    });
  });

  it('month over month compares whole days only: never a partial today, nothing on the 1st', async () => {
    const { monthOverMonth } = await import('../../../../src/main/core/aggregate/aggregations');
    const v = view({
      '2026-11-01': [r('p1', 'x', 700)], // a whole Sunday
      '2026-11-02': [r('p1', 'x', 500)],
      '2026-12-01': [r('p1', 'x', 30)], // a few hours of a Tuesday
      '2026-12-02': [r('p1', 'x', 20)],
    });
    expect(monthOverMonth([v], '2026-12-01', 'project')).toEqual({
      comparedDays: 0,
      rows: [{ key: 'p1', name: 'p1', micros: 30, comparedMicros: 0, previousMicros: 0 }],
    });
    expect(monthOverMonth([v], '2026-12-02', 'project')).toEqual({
      comparedDays: 1,
      rows: [{ key: 'p1', name: 'p1', micros: 50, comparedMicros: 30, previousMicros: 700 }],
    });
    // 31 March against a 28-day February: every whole day of February.
    const march = view({
      '2027-02-27': [r('p1', 'x', 10)],
      '2027-02-28': [r('p1', 'x', 10)],
      '2027-03-30': [r('p1', 'x', 5)],
    });
    expect(monthOverMonth([march], '2027-03-31', 'project')).toMatchObject({
      comparedDays: 30,
      rows: [{ comparedMicros: 5, previousMicros: 20 }],
    });
  });
});
