/**
 * Aggregations over one or several accounts' histories, shared by the dashboard, the tray and the CLI.
 * Everything sums integer micros from cached per-day summaries; months and days are UTC.
 */
import { addDays, addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, msFromDay, type UtcDay, type UtcMonth } from '../../../shared/dates';
import type { DailySeries, GroupBy, NamedAmount } from '../../../shared/domain';
import type { Micros } from '../../../shared/money';
import type { AccountHistory, DaySummary } from '../history/account-history';
import { forecastMonthEnd, runRate } from './forecast';

export interface HistoryView {
  history: AccountHistory;
  projectNames: Record<string, string>;
}

export const OTHER_SERIES = '__other__';

export function dailyTotalOf(views: HistoryView[]): (day: UtcDay) => Micros | undefined {
  return (day) => {
    let total: Micros | undefined;
    for (const { history } of views) {
      const summary = history.summary(day);
      if (summary) total = (total ?? 0) + summary.totalMicros;
    }
    return total;
  };
}

export function totalBetween(views: HistoryView[], from: UtcDay, to: UtcDay): Micros {
  const daily = dailyTotalOf(views);
  let total = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) total += daily(d) ?? 0;
  return total;
}

export function monthToDate(views: HistoryView[], today: UtcDay): Micros {
  return totalBetween(views, firstDayOfMonth(monthOf(today)), today);
}

export function forecast(views: HistoryView[], today: UtcDay): Micros | null {
  return forecastMonthEnd(dailyTotalOf(views), today);
}

type Dimension = 'byProject' | 'byLineItem' | 'byModel';
const DIMENSION: Record<GroupBy, Dimension> = { project: 'byProject', line_item: 'byLineItem', model: 'byModel' };

function eachSummary(views: HistoryView[], from: UtcDay, to: UtcDay, visit: (summary: DaySummary, view: HistoryView, day: UtcDay) => void): void {
  for (const view of views) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const summary = view.history.summary(d);
      if (summary) visit(summary, view, d);
    }
  }
}

function nameFor(groupBy: GroupBy, key: string, views: HistoryView[]): string {
  if (groupBy !== 'project') return key;
  for (const view of views) if (view.projectNames[key]) return view.projectNames[key];
  return key;
}

/** Totals per project / line item / model over a range, largest first. */
export function breakdown(views: HistoryView[], from: UtcDay, to: UtcDay, groupBy: GroupBy): NamedAmount[] {
  const totals = new Map<string, Micros>();
  const dimension = DIMENSION[groupBy];
  eachSummary(views, from, to, (summary) => {
    for (const [key, micros] of summary[dimension]) totals.set(key, (totals.get(key) ?? 0) + micros);
  });
  return [...totals]
    .map(([key, micros]) => ({ key, name: nameFor(groupBy, key, views), micros }))
    .sort((a, b) => b.micros - a.micros || a.name.localeCompare(b.name));
}

/** A day-by-day series grouped by one dimension: the top `maxSeries` keys, the rest folded into "Other". */
export function dailySeries(views: HistoryView[], from: UtcDay, to: UtcDay, groupBy: GroupBy, maxSeries = 8): DailySeries {
  const ranked = breakdown(views, from, to, groupBy);
  const top = ranked.slice(0, maxSeries);
  const topKeys = new Set(top.map((r) => r.key));
  const hasOther = ranked.length > top.length;
  const dimension = DIMENSION[groupBy];
  const points: DailySeries['points'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const values: Record<string, Micros> = {};
    let total = 0;
    for (const view of views) {
      const summary = view.history.summary(d);
      if (!summary) continue;
      total += summary.totalMicros;
      for (const [key, micros] of summary[dimension]) {
        const seriesKey = topKeys.has(key) ? key : OTHER_SERIES;
        values[seriesKey] = (values[seriesKey] ?? 0) + micros;
      }
    }
    points.push({ day: d, totalMicros: total, values });
  }
  const series = top.map((r) => ({ key: r.key, label: r.name }));
  if (hasOther) series.push({ key: OTHER_SERIES, label: 'Other' });
  return { bucket: 'day', series, points };
}

/** The UTC Monday on or before a day. */
export function weekStart(day: UtcDay): UtcDay {
  const weekday = (new Date(msFromDay(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Folds day points into UTC weeks (keyed by the first day of the week inside the range), summing every value. */
export function foldWeeks<P extends { day: UtcDay }>(points: P[], merge: (into: P, from: P) => void): P[] {
  const weeks: P[] = [];
  for (const point of points) {
    const last = weeks.at(-1);
    if (last && weekStart(last.day) === weekStart(point.day)) merge(last, point);
    else weeks.push(structuredClone(point));
  }
  return weeks;
}

const addInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

export function weeklySeries(series: DailySeries): DailySeries {
  return {
    ...series,
    bucket: 'week',
    points: foldWeeks(series.points, (into, from) => {
      into.totalMicros += from.totalMicros;
      addInto(into.values, from.values);
    }),
  };
}

/** Calendar-month totals from `fromMonth` to `toMonth` inclusive (billing history). */
export function monthlyTotals(views: HistoryView[], fromMonth: UtcMonth, toMonth: UtcMonth): { month: UtcMonth; totalMicros: Micros }[] {
  const rows: { month: UtcMonth; totalMicros: Micros }[] = [];
  for (let m = fromMonth; m <= toMonth; m = addMonths(m, 1)) {
    rows.push({ month: m, totalMicros: totalBetween(views, firstDayOfMonth(m), lastDayOfMonth(m)) });
  }
  return rows;
}

export interface ModelUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

/** Tokens and requests by model over a range, from the Usage API data. */
export function usageByModel(views: HistoryView[], from: UtcDay, to: UtcDay): ModelUsage[] {
  const totals = new Map<string, ModelUsage>();
  for (const { history } of views) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      for (const row of history.usage.get(d) ?? []) {
        const model = row.model ?? '(other)';
        const t = totals.get(model) ?? { model, inputTokens: 0, outputTokens: 0, requests: 0 };
        t.inputTokens += row.inputTokens;
        t.outputTokens += row.outputTokens;
        t.requests += row.requests;
        totals.set(model, t);
      }
    }
  }
  return [...totals.values()].sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
}

/** This month so far by project or line item, with the same days of the previous month alongside. */
export function monthOverMonth(views: HistoryView[], today: UtcDay, groupBy: GroupBy): { key: string; name: string; micros: Micros; previousMicros: Micros }[] {
  const month = monthOf(today);
  const dayOfMonth = Number(today.slice(8, 10));
  const previousMonth = addMonths(month, -1);
  const previousEnd = addDays(firstDayOfMonth(previousMonth), Math.min(dayOfMonth, Number(lastDayOfMonth(previousMonth).slice(8, 10))) - 1);
  const previousList = breakdown(views, firstDayOfMonth(previousMonth), previousEnd, groupBy);
  const previous = new Map(previousList.map((r) => [r.key, r.micros]));
  const current = breakdown(views, firstDayOfMonth(month), today, groupBy);
  const keys = new Set(current.map((r) => r.key));
  const vanished = previousList.filter((r) => !keys.has(r.key));
  return [
    ...current.map((r) => ({ ...r, previousMicros: previous.get(r.key) ?? 0 })),
    ...vanished.map((r) => ({ ...r, micros: 0, previousMicros: r.micros })),
  ];
}

/** Cumulative spend through today, then the projected path (run rate) to the end of the month. */
export function monthProgress(views: HistoryView[], today: UtcDay): { day: UtcDay; actualMicros: Micros | null; projectedMicros: Micros | null }[] {
  const daily = dailyTotalOf(views);
  const rate = runRate(daily, today);
  const points: { day: UtcDay; actualMicros: Micros | null; projectedMicros: Micros | null }[] = [];
  let cumulative = 0;
  let projected = 0;
  for (let d = firstDayOfMonth(monthOf(today)); d <= lastDayOfMonth(monthOf(today)); d = addDays(d, 1)) {
    if (d <= today) {
      cumulative += daily(d) ?? 0;
      projected = d === today && rate !== undefined ? cumulative - (daily(d) ?? 0) + Math.max(daily(d) ?? 0, rate) : cumulative;
      points.push({ day: d, actualMicros: cumulative, projectedMicros: d === today && rate !== undefined ? projected : null });
    } else {
      if (rate !== undefined) projected += rate;
      points.push({ day: d, actualMicros: null, projectedMicros: rate === undefined ? null : projected });
    }
  }
  return points;
}

/** Daily tokens (input + output) and requests by model, top models first, the rest folded into Other. */
export interface UsageSeries {
  bucket: 'day' | 'week';
  models: string[];
  points: { day: UtcDay; tokens: Record<string, number>; requests: Record<string, number> }[];
}

export function usageSeries(views: HistoryView[], from: UtcDay, to: UtcDay, maxModels = 6): UsageSeries {
  const ranked = usageByModel(views, from, to).sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens));
  const top = new Set(ranked.slice(0, maxModels).map((m) => m.model));
  const models = [...top, ...(ranked.length > maxModels ? ['Other'] : [])];
  const points = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const tokens: Record<string, number> = {};
    const requests: Record<string, number> = {};
    for (const { history } of views) {
      for (const row of history.usage.get(d) ?? []) {
        const key = top.has(row.model ?? '(other)') ? (row.model ?? '(other)') : 'Other';
        tokens[key] = (tokens[key] ?? 0) + row.inputTokens + row.outputTokens;
        requests[key] = (requests[key] ?? 0) + row.requests;
      }
    }
    points.push({ day: d, tokens, requests });
  }
  return { bucket: 'day', models, points };
}

export function weeklyUsage(usage: UsageSeries): UsageSeries {
  return {
    ...usage,
    bucket: 'week',
    points: foldWeeks(usage.points, (into, from) => {
      addInto(into.tokens, from.tokens);
      addInto(into.requests, from.requests);
    }),
  };
}
