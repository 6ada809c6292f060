/**
 * Aggregations over one or several accounts' histories, shared by the dashboard, the tray and the CLI.
 * Sums are exact (ExactAmount, from cached per-day summaries) and each figure that leaves this module is
 * rounded once, half-even, to integer micros. Months and days are UTC.
 */
import { addDays, addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { DailySeries, GroupBy, NamedAmount } from '../../../shared/domain';
import { CREDITS_SERIES, OTHER_SERIES } from '../../../shared/dimensions';
import { exactToMicros, type ExactAmount, type Micros } from '../../../shared/money';
import { forecastMonthEnd, runRate, type Spend } from './forecast';
import { dayValues, monthValues, nameOf, type HistoryView, type PriceCache } from './dimension-values';

export type { HistoryView } from './dimension-values';

/** A day's exact total over the views, or undefined when no view has that day. */
function dailyExact(views: HistoryView[], day: UtcDay): ExactAmount | undefined {
  let total: ExactAmount | undefined;
  for (const { history } of views) {
    const dayTotal = history.dayTotal(day);
    if (dayTotal !== undefined) total = (total ?? 0n) + dayTotal;
  }
  return total;
}

/** Totals come from each day's stored total alone: no month of sums is read for them. */
export function exactBetween(views: HistoryView[], from: UtcDay, to: UtcDay): ExactAmount {
  let total = 0n;
  for (const { history } of views) for (let d = from; d <= to; d = addDays(d, 1)) total += history.dayTotal(d) ?? 0n;
  return total;
}

/** Each day's total as a figure (for forecasts, spikes and daily budgets, which look at one day at a time). */
export function dailyTotalOf(views: HistoryView[]): (day: UtcDay) => Micros | undefined {
  return (day) => {
    const total = dailyExact(views, day);
    return total === undefined ? undefined : exactToMicros(total);
  };
}

/** One project's daily figure in one view. */
export function dailyProjectTotalOf(view: HistoryView, projectId: string): (day: UtcDay) => Micros | undefined {
  return (day) => {
    const amount = view.history.summary(day)?.byProject.get(projectId);
    return amount === undefined ? undefined : exactToMicros(amount);
  };
}

/** One project's total over a range in one view, exact then rounded once. */
export function projectTotalBetween(view: HistoryView, projectId: string, from: UtcDay, to: UtcDay): Micros {
  let total = 0n;
  for (let d = from; d <= to; d = addDays(d, 1)) total += view.history.summary(d)?.byProject.get(projectId) ?? 0n;
  return exactToMicros(total);
}

export function totalBetween(views: HistoryView[], from: UtcDay, to: UtcDay): Micros {
  return exactToMicros(exactBetween(views, from, to));
}

export function monthToDate(views: HistoryView[], today: UtcDay): Micros {
  return totalBetween(views, firstDayOfMonth(monthOf(today)), today);
}

export function forecast(views: HistoryView[], today: UtcDay): Micros | null {
  return forecastMonthEnd(spendOf(views), today);
}

/** Daily figures and exact range totals over these views, for forecasts and balance estimates. */
export function spendOf(views: HistoryView[]): Spend {
  return { daily: dailyTotalOf(views), between: (from, to) => totalBetween(views, from, to) };
}

/** Amounts in currencies other than the account's over a range, exact then rounded once: never added to it. */
export function otherCurrencyTotals(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
): { currency: string; micros: Micros }[] {
  const totals = new Map<string, ExactAmount>();
  for (const view of views) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      for (const [currency, amount] of view.history.summary(d)?.otherCurrencies ?? [])
        totals.set(currency, (totals.get(currency) ?? 0n) + amount);
    }
  }
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, micros: exactToMicros(amount) }));
}

/**
 * Visits each view's values by a dimension over [from, to]: a whole month inside the range as one month's sums,
 * else day by day.
 */
function eachValues(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
  groupBy: GroupBy,
  visit: (values: Map<string, ExactAmount>) => void,
): void {
  for (const view of views) {
    const cache: PriceCache = new Map();
    for (let d = from; d <= to;) {
      const month = monthOf(d);
      if (d === firstDayOfMonth(month) && lastDayOfMonth(month) <= to) {
        visit(monthValues(view, month, groupBy));
        d = firstDayOfMonth(addMonths(month, 1));
        continue;
      }
      const values = dayValues(view, d, groupBy, cache);
      if (values) visit(values);
      d = addDays(d, 1);
    }
  }
}

function nameFor(groupBy: GroupBy, key: string, views: HistoryView[]): string {
  for (const view of views) {
    const name = nameOf(view, groupBy, key);
    if (name !== key) return name;
  }
  return key;
}

/** Exact totals per key of a dimension over a range. */
export function exactBreakdown(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
  groupBy: GroupBy,
): Map<string, ExactAmount> {
  const totals = new Map<string, ExactAmount>();
  eachValues(views, from, to, groupBy, (values) => {
    for (const [key, amount] of values) totals.set(key, (totals.get(key) ?? 0n) + amount);
  });
  return totals;
}

/** Totals per key of a dimension (project, line item, model, API key, user) over a range, largest first; each exact, rounded once. */
export function breakdown(views: HistoryView[], from: UtcDay, to: UtcDay, groupBy: GroupBy): NamedAmount[] {
  return [...exactBreakdown(views, from, to, groupBy)]
    .map(([key, amount]) => ({ key, name: nameFor(groupBy, key, views), micros: exactToMicros(amount), exact: amount }))
    .sort((a, b) => (a.exact === b.exact ? a.name.localeCompare(b.name) : a.exact > b.exact ? -1 : 1))
    .map(({ key, name, micros }) => ({ key, name, micros }));
}

interface ExactPoint {
  day: UtcDay;
  total: ExactAmount;
  values: Map<string, ExactAmount>;
}

/**
 * The one stack order every chart keeps: the `maxSeries` keys with the largest positive totals over the range,
 * largest first (ties by name), then Other (the rest of the real spend), then Credits (every key whose total
 * is negative, so a credit is never netted into Other). Each control (range, grouping, filter) only changes
 * which keys and totals go in, never this rule.
 * @internal
 */
export function stackOrder(ranked: readonly NamedAmount[], maxSeries: number) {
  const credits = ranked.filter((r) => r.micros < 0);
  const spend = ranked.filter((r) => r.micros >= 0);
  const top = spend.filter((r) => r.micros > 0).slice(0, maxSeries);
  const series = top.map((r) => ({ key: r.key, label: r.name }));
  if (spend.length > top.length) series.push({ key: OTHER_SERIES, label: 'Other' });
  if (credits.length > 0) series.push({ key: CREDITS_SERIES, label: 'Credits' });
  const seriesOf = new Map<string, string>([
    ...top.map((r): [string, string] => [r.key, r.key]),
    ...credits.map((r): [string, string] => [r.key, CREDITS_SERIES]),
  ]);
  return { series, seriesOf: (key: string) => seriesOf.get(key) ?? OTHER_SERIES };
}

/** Day points with exact values: rounded only when the series is handed out, so weeks and months sum exactly too. */
function exactSeries(views: HistoryView[], from: UtcDay, to: UtcDay, groupBy: GroupBy, maxSeries: number) {
  const { series, seriesOf } = stackOrder(breakdown(views, from, to, groupBy), maxSeries);
  const points: ExactPoint[] = [];
  const caches = views.map((): PriceCache => new Map());
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const values = new Map<string, ExactAmount>();
    let total = 0n;
    for (const [i, view] of views.entries()) {
      const summary = view.history.summary(d);
      if (!summary) continue;
      total += summary.total;
      for (const [key, amount] of dayValues(view, d, groupBy, caches[i]) ?? []) {
        const seriesKey = seriesOf(key);
        values.set(seriesKey, (values.get(seriesKey) ?? 0n) + amount);
      }
    }
    points.push({ day: d, total, values });
  }
  return { series, points };
}

function roundPoints(points: ExactPoint[]): DailySeries['points'] {
  return points.map(({ day, total, values }) => ({
    day,
    totalMicros: exactToMicros(total),
    values: Object.fromEntries([...values].map(([key, amount]) => [key, exactToMicros(amount)])),
  }));
}

/** A day-by-day series grouped by one dimension: the top `maxSeries` keys, the rest folded into "Other". */
export function dailySeries(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
  groupBy: GroupBy,
  maxSeries = 8,
): DailySeries {
  const { series, points } = exactSeries(views, from, to, groupBy, maxSeries);
  return { bucket: 'day', series, points: roundPoints(points) };
}

/**
 * The same series folded into UTC calendar months (the 12-month range, drawn as one bar a month as the providers'
 * consoles do), each month summed exactly before rounding; the running month is month to date.
 */
export function monthlySeries(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
  groupBy: GroupBy,
  maxSeries = 8,
): DailySeries {
  return foldedSeries(views, from, to, groupBy, maxSeries, 'month');
}

function foldedSeries(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
  groupBy: GroupBy,
  maxSeries: number,
  bucket: 'month',
): DailySeries {
  const { series, points } = exactSeries(views, from, to, groupBy, maxSeries);
  const folded = foldBuckets(points, monthOf, (into, from) => {
    into.total += from.total;
    for (const [key, amount] of from.values) into.values.set(key, (into.values.get(key) ?? 0n) + amount);
  });
  return { bucket, series, points: roundPoints(folded) };
}

/** Folds day points into buckets (keyed by the bucket's first day inside the range), summing every value. */
function foldBuckets<P extends { day: UtcDay }>(
  points: P[],
  bucketOf: (day: UtcDay) => string,
  merge: (into: P, from: P) => void,
): P[] {
  const buckets: P[] = [];
  for (const point of points) {
    const last = buckets.at(-1);
    if (last && bucketOf(last.day) === bucketOf(point.day)) merge(last, point);
    else buckets.push(structuredClone(point));
  }
  return buckets;
}

const addInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

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
      for (const row of history.usageRows(d) ?? []) {
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

/**
 * This month so far by project or line item (`micros`, today's partial day included), with what a change is
 * computed on: this month's whole UTC days (`comparedMicros`: the 1st to yesterday) against the same days of the
 * previous month (`previousMicros`). Today is left out of both, never a few hours against a whole day; on the 1st
 * nothing is compared yet (`comparedDays` 0).
 */
export function monthOverMonth(
  views: HistoryView[],
  today: UtcDay,
  groupBy: GroupBy,
): {
  comparedDays: number;
  rows: { key: string; name: string; micros: Micros; comparedMicros: Micros; previousMicros: Micros }[];
} {
  const month = monthOf(today);
  const comparedDays = Number(today.slice(8, 10)) - 1;
  const previousMonth = addMonths(month, -1);
  const previousDays = Math.min(comparedDays, Number(lastDayOfMonth(previousMonth).slice(8, 10)));
  const previousList =
    previousDays > 0
      ? breakdown(
          views,
          firstDayOfMonth(previousMonth),
          addDays(firstDayOfMonth(previousMonth), previousDays - 1),
          groupBy,
        )
      : [];
  const previous = new Map(previousList.map((r) => [r.key, r.micros]));
  const wholeDays =
    comparedDays > 0
      ? new Map(breakdown(views, firstDayOfMonth(month), addDays(today, -1), groupBy).map((r) => [r.key, r.micros]))
      : new Map<string, Micros>();
  const current = breakdown(views, firstDayOfMonth(month), today, groupBy);
  const keys = new Set(current.map((r) => r.key));
  const vanished = previousList.filter((r) => !keys.has(r.key));
  return {
    comparedDays,
    rows: [
      ...current.map((r) => ({
        ...r,
        comparedMicros: wholeDays.get(r.key) ?? 0,
        previousMicros: previous.get(r.key) ?? 0,
      })),
      ...vanished.map((r) => ({ ...r, micros: 0, comparedMicros: 0, previousMicros: r.micros })),
    ],
  };
}

/** Cumulative spend through today (exact, rounded per point), then the projected path (run rate) to month end. */
export function monthProgress(
  views: HistoryView[],
  today: UtcDay,
): { day: UtcDay; actualMicros: Micros | null; projectedMicros: Micros | null }[] {
  const daily = dailyTotalOf(views);
  const rate = runRate(daily, today);
  const points: { day: UtcDay; actualMicros: Micros | null; projectedMicros: Micros | null }[] = [];
  let cumulative = 0n;
  let projected = 0;
  for (let d = firstDayOfMonth(monthOf(today)); d <= lastDayOfMonth(monthOf(today)); d = addDays(d, 1)) {
    if (d <= today) {
      const day = dailyExact(views, d) ?? 0n;
      cumulative += day;
      const actual = exactToMicros(cumulative);
      const todayFigure = exactToMicros(day);
      projected = d === today && rate !== undefined ? actual - todayFigure + Math.max(todayFigure, rate) : actual;
      points.push({
        day: d,
        actualMicros: actual,
        projectedMicros: d === today && rate !== undefined ? projected : null,
      });
    } else {
      if (rate !== undefined) projected += rate;
      points.push({ day: d, actualMicros: null, projectedMicros: rate === undefined ? null : projected });
    }
  }
  return points;
}

/** Daily tokens (input + output) and requests by model, top models first, the rest folded into Other. */
export interface UsageSeries {
  bucket: 'day' | 'month';
  models: string[];
  points: { day: UtcDay; tokens: Record<string, number>; requests: Record<string, number> }[];
}

export function usageSeries(views: HistoryView[], from: UtcDay, to: UtcDay, maxModels = 6): UsageSeries {
  const ranked = usageByModel(views, from, to).sort(
    (a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens),
  );
  const top = new Set(ranked.slice(0, maxModels).map((m) => m.model));
  const models = [...top, ...(ranked.length > maxModels ? ['Other'] : [])];
  const points = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const tokens: Record<string, number> = {};
    const requests: Record<string, number> = {};
    for (const { history } of views) {
      for (const row of history.usageRows(d) ?? []) {
        const key = top.has(row.model ?? '(other)') ? (row.model ?? '(other)') : 'Other';
        tokens[key] = (tokens[key] ?? 0) + row.inputTokens + row.outputTokens;
        requests[key] = (requests[key] ?? 0) + row.requests;
      }
    }
    points.push({ day: d, tokens, requests });
  }
  return { bucket: 'day', models, points };
}

/** Usage folded into UTC months, like the spend chart of the 12-month range. */
export function monthlyUsage(usage: UsageSeries): UsageSeries {
  return foldedUsage(usage, 'month');
}

function foldedUsage(usage: UsageSeries, bucket: 'month'): UsageSeries {
  return {
    ...usage,
    bucket,
    points: foldBuckets(usage.points, monthOf, (into, from) => {
      addInto(into.tokens, from.tokens);
      addInto(into.requests, from.requests);
    }),
  };
}
