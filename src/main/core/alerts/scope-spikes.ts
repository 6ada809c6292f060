/**
 * Spikes per project and per API key: a day well above that scope's own trailing norm (see spikeOn), with the
 * same minimum dollar size as the account's so noise never fires one; once per day and scope. Each names what
 * moved most — the key, project and model whose spend rose most against their own average of the norm days.
 */
import { addDays, monthOf, type UtcDay } from '../../../shared/dates';
import { DIMENSIONS, UNATTRIBUTED_KEY } from '../../../shared/dimensions';
import { exactToMicros, formatMoney, type ExactAmount, type Micros } from '../../../shared/money';
import { basisOf, dayValues, monthPrices, nameOf, type HistoryView, type PriceCache } from '../aggregate/dimension-values';
import { TokenPrices } from '../aggregate/unit-prices';
import { ACCOUNT_CURRENCY } from '../history/account-history';
import { modelFromLineItem } from '../aggregate/line-items';
import type { CostRow } from '../history/types';
import { alertKey, spikeFactor, spikeOn, spikeWhen, type AlertCandidate, type RuleInput } from './rules';

const SCOPES = ['project', 'api_key'] as const;
type ScopeDimension = (typeof SCOPES)[number];
const NORM_DAYS = 14;

export function scopeSpikes(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const { view } = input;
  const candidates: AlertCandidate[] = [];
  for (const dimension of SCOPES) {
    const cache: PriceCache = new Map();
    const byDay = new Map<UtcDay, Map<string, ExactAmount> | undefined>();
    const values = (day: UtcDay) => {
      if (!byDay.has(day)) byDay.set(day, dayValues(view, day, dimension, cache));
      return byDay.get(day);
    };
    for (const day of [addDays(today, -1), today]) {
      for (const key of values(day)?.keys() ?? []) {
        if (key === UNATTRIBUTED_KEY || key === DIMENSIONS.project.unattributed) continue;
        const daily = (d: UtcDay): Micros | undefined => {
          const dayMap = values(d);
          return dayMap === undefined ? undefined : exactToMicros(dayMap.get(key) ?? 0n);
        };
        const spike = spikeOn(daily, day, input.spikeFloorMicros);
        if (!spike) continue;
        const estimated = basisOf(view, dimension) === 'estimated';
        const noun = dimension === 'project' ? 'project' : 'API key';
        const name = nameOf(view, dimension, key);
        const scope = `${dimension === 'project' ? 'project' : 'api-key'}:${key}`;
        candidates.push({
          key: alertKey('spike', input.accountId, scope, null, day),
          kind: 'spike',
          scope,
          threshold: null,
          period: monthOf(day),
          day,
          severity: 'warning',
          title: `Unusual spend on ${noun} ${name} (${input.accountName})`,
          message: `${capital(noun)} ${name} has spent ${estimated ? 'an estimated ' : ''}${formatMoney(spike.spent)} ${spikeWhen(day, today)}, ${spikeFactor(spike.spent, spike.median)}.${movedMostSentence(view, day, { dimension, key })} Check for a runaway job or a leaked key.`,
          estimate: estimated,
          budgetMicros: null,
        });
      }
    }
  }
  return candidates;
}

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
function contributions(view: HistoryView, day: UtcDay, within: { dimension: ScopeDimension; key: string } | null, cache: PriceCache): Contribution[] | undefined {
  if (!view.history.hasDay(day)) return undefined;
  if (within?.dimension === 'api_key' && basisOf(view, 'api_key') === 'estimated') {
    const usage = view.history.usageRows(day) ?? [];
    const prices = new TokenPrices(view.history.summary(day), usage, monthPrices(view.history, monthOf(day), cache));
    return usage.filter((row) => row.apiKeyId === within.key).map((row) => ({ values: { project: row.projectId ?? null, model: row.model }, amount: prices.estimate(row) }));
  }
  const inScope = (row: CostRow) => !within || (within.dimension === 'project' ? row.projectId === within.key : row.apiKeyId === within.key);
  return (view.history.costRows(day) ?? [])
    .filter((row) => row.currency === ACCOUNT_CURRENCY && inScope(row))
    .map((row) => ({ values: { api_key: row.apiKeyId ?? null, project: row.projectId, model: modelFromLineItem(row.lineItem) }, amount: row.amount }));
}

/**
 * " Most of the rise: API key CI bot (+$412.00), model gpt-4o (+$380.00)." — the day's spend against the average
 * of the NORM_DAYS before it, within the scope (or the whole account), for the dimensions other than the scope's.
 */
export function movedMostSentence(view: HistoryView, day: UtcDay, within: { dimension: ScopeDimension; key: string } | null): string {
  const shown = MOVED.filter((d) => d.dimension !== within?.dimension && !(d.dimension === 'api_key' && basisOf(view, 'api_key') === 'estimated'));
  const totals = shown.map(() => ({ day: new Map<string, ExactAmount>(), norm: new Map<string, ExactAmount>() }));
  const cache: PriceCache = new Map();
  let normDays = 0;
  for (let k = 0; k <= NORM_DAYS; k++) {
    const parts = contributions(view, addDays(day, -k), within, cache);
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
    if (best) parts.push(`${d.label} ${nameOf(view, d.dimension, best.key)} (+${formatMoney(exactToMicros(best.rise))})`);
  });
  return parts.length ? ` Most of the rise: ${parts.join(', ')}.` : '';
}
