/**
 * A day's (or a month's) spend by one dimension, for any view: billed dimensions straight from the stored sums,
 * estimated ones (per user; per API key where costs cannot be grouped by key) as usage × the same day's
 * effective unit prices, with what no usage explains under UNATTRIBUTED_KEY, so the values always add up to
 * the billed total.
 */
import { addDays, firstDayOfMonth, lastDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import { DIMENSIONS, UNATTRIBUTED_KEY, type Basis, type Dimension } from '../../../shared/dimensions';
import type { ExactAmount } from '../../../shared/money';
import type { ProviderId } from '../../../shared/providers';
import { own } from '../../../shared/records';
import type { AccountHistory, DaySummary, SumDimension } from '../history/account-history';
import type { UsageRow } from '../history/types';
import { TokenPrices } from './unit-prices';

/** What a breakdown reads of one account: its history and the names its ids have. */
export interface HistoryView {
  history: AccountHistory;
  projectNames: Record<string, string>;
  /** Default "openai" (the demo, older callers). */
  provider?: ProviderId;
  apiKeys?: Record<string, { name: string; owner: string | null; projectId: string | null }>;
  users?: Record<string, { name: string; email: string | null }>;
}

/** Where a billed dimension's sums are kept; undefined: never billed by it (estimated from usage). */
const STORED_SUMS: Record<Dimension, SumDimension | undefined> = {
  project: 'byProject',
  line_item: 'byLineItem',
  model: 'byModel',
  api_key: 'byApiKey',
  user: undefined,
};

/** The usage row's value of an estimated dimension (null: the row has none). */
const USAGE_KEY: Record<Dimension, ((row: UsageRow) => string | null | undefined) | undefined> = {
  project: (row) => row.projectId,
  line_item: undefined,
  model: (row) => row.model,
  api_key: (row) => row.apiKeyId,
  user: (row) => row.userId,
};

export function basisOf(view: HistoryView, dimension: Dimension): Basis {
  const stored = STORED_SUMS[dimension];
  return stored && DIMENSIONS[dimension].basis[view.provider ?? 'openai'] === 'billed' ? 'billed' : 'estimated';
}

/** Month prices computed once per reading (a month of usage rows is read for them). */
export type PriceCache = Map<string, TokenPrices>;

/** One day's values (undefined: the day is not stored). Pass one `cache` to the calls of one reading. */
export function dayValues(
  view: HistoryView,
  day: UtcDay,
  dimension: Dimension,
  cache: PriceCache = new Map(),
): Map<string, ExactAmount> | undefined {
  const summary = view.history.summary(day);
  if (!summary) return undefined;
  if (basisOf(view, dimension) === 'billed') return summary[STORED_SUMS[dimension]!];
  return estimated(
    summary,
    view.history.usageRows(day) ?? [],
    USAGE_KEY[dimension]!,
    monthPrices(view.history, monthOf(day), cache),
  );
}

/** A whole UTC month's values (stored sums of the month, or each day's estimates added up). */
export function monthValues(view: HistoryView, month: string, dimension: Dimension): Map<string, ExactAmount> {
  if (basisOf(view, dimension) === 'billed') return view.history.monthSummary(month)[STORED_SUMS[dimension]!];
  const totals = new Map<string, ExactAmount>();
  const cache: PriceCache = new Map();
  for (let d = firstDayOfMonth(month); d <= lastDayOfMonth(month); d = addDays(d, 1)) {
    for (const [key, amount] of dayValues(view, d, dimension, cache) ?? [])
      totals.set(key, (totals.get(key) ?? 0n) + amount);
  }
  return totals;
}

/** How a key of the dimension is shown. */
export function nameOf(view: HistoryView, dimension: Dimension, key: string): string {
  if (key === UNATTRIBUTED_KEY) return DIMENSIONS[dimension].unattributed;
  if (dimension === 'project') return own(view.projectNames, key) ?? key;
  if (dimension === 'api_key') return (view.apiKeys && own(view.apiKeys, key)?.name) ?? key;
  if (dimension === 'user') return (view.users && own(view.users, key)?.name) ?? key;
  return key;
}

/** A month's token prices: what a day's usage falls back on when that day billed its model no quantity. */
export function monthPrices(history: AccountHistory, month: string, cache: PriceCache = new Map()): TokenPrices {
  let prices = cache.get(month);
  if (!prices) {
    const usage: UsageRow[] = [];
    for (let d = firstDayOfMonth(month); d <= lastDayOfMonth(month); d = addDays(d, 1))
      usage.push(...(history.usageRows(d) ?? []));
    prices = new TokenPrices(history.monthSummary(month), usage);
    cache.set(month, prices);
  }
  return prices;
}

function estimated(
  summary: DaySummary,
  usage: readonly UsageRow[],
  keyOf: (row: UsageRow) => string | null | undefined,
  fallback: TokenPrices,
): Map<string, ExactAmount> {
  const prices = new TokenPrices(summary, usage, fallback);
  const values = new Map<string, ExactAmount>();
  let attributed = 0n;
  for (const row of usage) {
    const key = keyOf(row);
    if (!key) continue;
    const amount = prices.estimate(row);
    if (amount === 0n) continue;
    values.set(key, (values.get(key) ?? 0n) + amount);
    attributed += amount;
  }
  // Estimates never exceed what the day billed (a quantity that lies, usage ahead of costs): scaled down to it.
  if (summary.total >= 0n && attributed > summary.total) {
    let scaled = 0n;
    for (const [key, amount] of values) {
      const share = attributed === 0n ? 0n : (amount * summary.total) / attributed;
      values.set(key, share);
      scaled += share;
    }
    attributed = scaled;
  }
  // What usage does not explain (tools, images, usage with no user): the rows and this add up to the bill.
  const rest = summary.total - attributed;
  if (rest !== 0n) values.set(UNATTRIBUTED_KEY, rest);
  return values;
}
