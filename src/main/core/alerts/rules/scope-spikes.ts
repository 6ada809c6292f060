/**
 * Spikes per project and per API key: a day well above that scope's own trailing norm (see spikeOn), with the
 * same minimum dollar size as the account's so noise never fires one; once per day and scope. Each names what
 * moved most — the key, project and model whose spend rose most against their own average of the norm days.
 */
import { addDays, monthOf, type UtcDay } from '../../../../shared/dates';
import { DIMENSIONS, UNATTRIBUTED_KEY } from '../../../../shared/dimensions';
import { ACCOUNT_CURRENCY, exactToMicros, type ExactAmount, type Micros } from '../../../../shared/money';
import { moneyText } from '../../../../shared/money-text';
import {
  basisOf,
  dayValues,
  monthPrices,
  nameOf,
  type HistoryView,
  type PriceCache,
} from '../../aggregate/dimension-values';
import { TokenPrices } from '../../aggregate/unit-prices';
import { modelFromLineItem } from '../../aggregate/line-items';
import type { CostRow } from '../../history/types';
import { alertKey, type AlertCandidate, type RuleAccount } from '../rule-context';
import { spikeFactor, spikeOn, spikeWhen } from './spike-days';

const SCOPES = ['project', 'api_key'] as const;
type ScopeDimension = (typeof SCOPES)[number];
const NORM_DAYS = 14;

/**
 * At most this many scope spikes a day: a runaway that touches every key must not raise hundreds of alerts.
 * @internal
 */
export const MAX_SCOPE_SPIKES_A_DAY = 5;

interface Found {
  dimension: ScopeDimension;
  key: string;
  day: UtcDay;
  spent: Micros;
  median: Micros;
}

/** `skipDays`: days the whole account spiked (its own alert names the movers). */
export function scopeSpikes(
  input: RuleAccount,
  floorMicros: Micros,
  today: UtcDay,
  skipDays: ReadonlySet<UtcDay> = new Set(),
): AlertCandidate[] {
  const { view } = input;
  const days = [addDays(today, -1), today].filter((d) => !skipDays.has(d));
  if (!days.length) return [];
  const found: Found[] = [];
  for (const dimension of SCOPES) {
    const cache: PriceCache = new Map();
    const byDay = new Map<UtcDay, Map<string, ExactAmount> | undefined>();
    const values = (day: UtcDay) => {
      if (!byDay.has(day)) byDay.set(day, dayValues(view, day, dimension, cache));
      return byDay.get(day);
    };
    for (const day of days) {
      for (const key of values(day)?.keys() ?? []) {
        if (key === UNATTRIBUTED_KEY || key === DIMENSIONS.project.unattributed) continue;
        const daily = (d: UtcDay): Micros | undefined => {
          const dayMap = values(d);
          return dayMap === undefined ? undefined : exactToMicros(dayMap.get(key) ?? 0n);
        };
        const spike = spikeOn(daily, day, floorMicros);
        if (spike) found.push({ dimension, key, day, ...spike });
      }
    }
  }
  // Each day's largest rises first; the rest are counted in the last alert kept, never raised one by one.
  const scoped = new ScopedRows(view);
  const candidates: AlertCandidate[] = [];
  for (const day of days) {
    const ranked = found
      .filter((f) => f.day === day)
      .sort((a, b) => b.spent - b.median - (a.spent - a.median) || a.key.localeCompare(b.key));
    const kept = ranked.slice(0, MAX_SCOPE_SPIKES_A_DAY);
    const more = ranked.length - kept.length;
    kept.forEach((f, i) => {
      const estimated = basisOf(view, f.dimension) === 'estimated';
      const noun = f.dimension === 'project' ? 'project' : 'API key';
      const name = nameOf(view, f.dimension, f.key);
      const named = withNoun(noun, name);
      const scope = `${f.dimension === 'project' ? 'project' : 'api-key'}:${f.key}`;
      const others =
        i === kept.length - 1 && more > 0
          ? ` ${more} more project${more === 1 ? ' or key' : 's or keys'} spiked ${day === today ? 'today' : 'that day'} as well.`
          : '';
      candidates.push({
        key: alertKey('spike', input.accountId, scope, null, day),
        kind: 'spike',
        accountId: input.accountId,
        accountName: input.accountName,
        scope,
        threshold: null,
        period: monthOf(day),
        day,
        severity: 'warning',
        title: `Unusual spend on ${named} (${input.accountName})`,
        message: `${named === name ? name : capital(named)} has spent ${estimated ? 'an estimated ' : ''}${moneyText(f.spent)} ${spikeWhen(day, today)}, ${spikeFactor(f.spent, f.median)}.${movedMostSentence(view, day, { dimension: f.dimension, key: f.key }, scoped)}${others} Check for a runaway job or a leaked key.`,
        estimate: estimated,
        budgetMicros: null,
      });
    });
  }
  return candidates;
}

/** Each day's cost rows read once per evaluation and grouped by scope, however many spikes name their movers. */
class ScopedRows {
  private readonly days = new Map<UtcDay, { all: CostRow[]; byScope: Map<string, CostRow[]> } | undefined>();

  constructor(private readonly view: HistoryView) {}

  rows(day: UtcDay, within: { dimension: ScopeDimension; key: string } | null): CostRow[] | undefined {
    if (!this.days.has(day)) {
      const all = this.view.history.hasDay(day)
        ? (this.view.history.costRows(day) ?? []).filter((r) => r.currency === ACCOUNT_CURRENCY)
        : undefined;
      const byScope = new Map<string, CostRow[]>();
      for (const row of all ?? []) {
        for (const scope of [`project|${row.projectId}`, `api_key|${row.apiKeyId ?? null}`]) {
          const list = byScope.get(scope);
          if (list) list.push(row);
          else byScope.set(scope, [row]);
        }
      }
      this.days.set(day, all && { all, byScope });
    }
    const entry = this.days.get(day);
    if (!entry) return undefined;
    return within ? (entry.byScope.get(`${within.dimension}|${within.key}`) ?? []) : entry.all;
  }
}

/** "project Web app", but "Project 2" alone: "project Project 2" reads as a typo when the name already says it. */
const withNoun = (noun: string, name: string): string =>
  name.toLowerCase().startsWith(`${noun.toLowerCase()} `) ? name : `${noun} ${name}`;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One row's part in a day: the dimension values it carries and its amount. */
interface Contribution {
  values: Partial<Record<MovedDimension, string | null>>;
  amount: ExactAmount;
}
type MovedDimension = 'api_key' | 'project' | 'model';
const MOVED: { label: string; dimension: MovedDimension }[] = [
  { label: 'API key', dimension: 'api_key' },
  { label: 'project', dimension: 'project' },
  { label: 'model', dimension: 'model' },
];

/**
 * A day's spend in the scope, row by row: the billed cost rows, or — for a key whose spend is estimated (Anthropic,
 * whose costs carry no key) — its usage rows priced at that day's unit prices.
 */
function contributions(
  view: HistoryView,
  day: UtcDay,
  within: { dimension: ScopeDimension; key: string } | null,
  cache: PriceCache,
  scoped: ScopedRows,
): Contribution[] | undefined {
  if (!view.history.hasDay(day)) return undefined;
  if (within?.dimension === 'api_key' && basisOf(view, 'api_key') === 'estimated') {
    const usage = view.history.usageRows(day) ?? [];
    const prices = new TokenPrices(view.history.summary(day), usage, monthPrices(view.history, monthOf(day), cache));
    return usage
      .filter((row) => row.apiKeyId === within.key)
      .map((row) => ({ values: { project: row.projectId ?? null, model: row.model }, amount: prices.estimate(row) }));
  }
  return (scoped.rows(day, within) ?? []).map((row) => ({
    values: { api_key: row.apiKeyId ?? null, project: row.projectId, model: modelFromLineItem(row.lineItem) },
    amount: row.amount,
  }));
}

/**
 * " Most of the rise: API key CI bot (+$412.00), model gpt-4o (+$380.00)." — the day's spend against the average
 * of the NORM_DAYS before it, within the scope (or the whole account), for the dimensions other than the scope's.
 */
export function movedMostSentence(
  view: HistoryView,
  day: UtcDay,
  within: { dimension: ScopeDimension; key: string } | null,
  scoped = new ScopedRows(view),
): string {
  const shown = MOVED.filter(
    (d) =>
      d.dimension !== within?.dimension && !(d.dimension === 'api_key' && basisOf(view, 'api_key') === 'estimated'),
  );
  const totals = shown.map(() => ({ day: new Map<string, ExactAmount>(), norm: new Map<string, ExactAmount>() }));
  const cache: PriceCache = new Map();
  let normDays = 0;
  for (let k = 0; k <= NORM_DAYS; k++) {
    const parts = contributions(view, addDays(day, -k), within, cache, scoped);
    if (!parts) continue;
    if (k > 0) normDays++;
    for (const part of parts) {
      shown.forEach((d, i) => {
        const key = part.values[d.dimension];
        if (!key) return;
        const into = k === 0 ? totals[i].day : totals[i].norm;
        into.set(key, (into.get(key) ?? 0n) + part.amount);
      });
    }
  }
  if (!normDays) return '';
  const parts: string[] = [];
  shown.forEach((d, i) => {
    let best: { key: string; rise: ExactAmount } | undefined;
    for (const [key, amount] of totals[i].day) {
      const rise = amount - (totals[i].norm.get(key) ?? 0n) / BigInt(normDays);
      if (rise > 0n && (!best || rise > best.rise)) best = { key, rise };
    }
    if (best)
      parts.push(`${withNoun(d.label, nameOf(view, d.dimension, best.key))} (+${moneyText(exactToMicros(best.rise))})`);
  });
  return parts.length ? ` Most of the rise: ${parts.join(', ')}.` : '';
}
