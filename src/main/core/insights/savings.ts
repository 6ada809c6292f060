/**
 * Savings hints, each with an estimated monthly saving computed from the organisation's own month — its usage
 * (by batch, service tier, model, cached input) × the unit prices it was billed — and a sentence saying what the
 * estimate rests on. No price table: where the organisation's own bill shows no price to compare with, the only
 * outside figure used is OpenAI's published Batch API discount (BATCH_DISCOUNT), dated.
 */
import { addDays, lastDayOfMonth, type UtcDay } from '../../../shared/dates';
import { exactToMicros, microsToDecimal, type ExactAmount } from '../../../shared/money';
import { moneyText } from '../../../shared/money-text';
import { monthPrices, type HistoryView, type PriceCache } from '../aggregate/dimension-values';
import { TokenPrices, usageTier, type TokenKind } from '../aggregate/unit-prices';
import { monthDays } from './breakdown-report';

type SavingsKind = 'batch' | 'cache' | 'service_tier' | 'model';

export interface SavingsHint {
  kind: SavingsKind;
  title: string;
  /** Dollars a month, a decimal string rounded once to the micro-dollar. */
  estimatedMonthlySavings: string;
  basis: string;
}

/** OpenAI's Batch API: half the price of the same request made synchronously (openai.com/api/pricing, as of 2026-12). */
const BATCH_DISCOUNT = { ratio: 0.5, asOf: '2026-12' } as const;
/** The cache-hit share a hint aims at: prompts that repeat a long prefix commonly reach it. */
const CACHE_TARGET = 0.5;
/** The share of the costliest model's tokens a cheaper-model hint supposes could move. */
const MODEL_MOVE_SHARE = 0.25;
/** Below this a month's saving is not worth a hint ($1). */
const MIN_SAVING = 10n ** 48n;

interface ModelMonth {
  /** Exact cost of its tokens by tier and kind (at each day's prices). */
  cost: Map<string, ExactAmount>;
  tokens: Map<string, number>;
  total: ExactAmount;
}

const part = (tier: string | null, kind: TokenKind) => `${tier ?? 'default'}|${kind}`;

/** One account's hints for a month (prices are an account's own: accounts are never mixed). */
export function savingsHints(view: HistoryView, month: string, today: UtcDay): SavingsHint[] {
  const { from, to } = monthDays(month, today);
  if (to < from) return [];
  const days = Number(to.slice(8, 10)) - Number(from.slice(8, 10)) + 1;
  // A month under way is scaled to the whole month at its pace so far.
  const scale = (amount: ExactAmount) => (amount * BigInt(Number(lastDayOfMonth(month).slice(8, 10)))) / BigInt(days);
  const models = new Map<string, ModelMonth>();
  let sawBatchField = false;
  const cache: PriceCache = new Map();
  const prices = monthPrices(view.history, month, cache);
  {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const usage = view.history.usageRows(d) ?? [];
      const dayPrices = new TokenPrices(view.history.summary(d), usage, prices);
      for (const row of usage) {
        if (row.batch !== null && row.batch !== undefined) sawBatchField = true;
        const model = row.model ?? '';
        const tier = usageTier(row);
        const m = models.get(model) ?? { cost: new Map(), tokens: new Map(), total: 0n };
        const cached = Math.min(row.cachedTokens, row.inputTokens);
        for (const [kind, count] of [
          ['input', row.inputTokens - cached],
          ['cached', cached],
          ['output', row.outputTokens],
        ] as const) {
          if (count <= 0) continue;
          const price = dayPrices.price(model, kind, tier) ?? 0n;
          const key = part(tier, kind);
          m.cost.set(key, (m.cost.get(key) ?? 0n) + price * BigInt(count));
          m.tokens.set(key, (m.tokens.get(key) ?? 0) + count);
          m.total += price * BigInt(count);
        }
        models.set(model, m);
      }
    }
  }
  const hints: { hint: Omit<SavingsHint, 'estimatedMonthlySavings'>; saving: ExactAmount }[] = [];
  const add = (kind: SavingsKind, title: string, saving: ExactAmount, basis: string) => {
    const monthly = scale(saving);
    if (monthly >= MIN_SAVING)
      hints.push({
        hint: {
          kind,
          title,
          basis: `${basis}${days < Number(lastDayOfMonth(month).slice(8, 10)) ? ` Scaled to the whole month from its first ${days} UTC day${days === 1 ? '' : 's'}.` : ''}`,
        },
        saving: monthly,
      });
  };
  const dollars = (amount: ExactAmount) => moneyText(exactToMicros(amount));

  // Batch: what ran synchronously, at the batch price this organisation was billed (else the published discount).
  if (sawBatchField) {
    let saving = 0n;
    let syncCost = 0n;
    let allCost = 0n;
    let ownPrices = false;
    for (const [model, m] of models) {
      allCost += m.total;
      for (const kind of ['input', 'cached', 'output'] as const) {
        const cost = m.cost.get(part(null, kind)) ?? 0n;
        if (cost === 0n) continue;
        syncCost += cost;
        const standard = prices.price(model, kind, null);
        const batch = prices.price(model, kind, 'batch');
        if (standard && batch && batch < standard && batch !== standard) {
          ownPrices = true;
          saving += (cost * (standard - batch)) / standard;
        } else {
          saving += (cost * BigInt(Math.round((1 - BATCH_DISCOUNT.ratio) * 1000))) / 1000n;
        }
      }
    }
    if (syncCost > 0n && allCost > 0n) {
      const share = Number((syncCost * 1000n) / allCost) / 10;
      add(
        'batch',
        `Move work that can wait to the Batch API (${share}% of token spend ran synchronously)`,
        saving,
        `${dollars(syncCost)} of this month's token spend was not batched. If all of it could wait up to 24 hours, the Batch API would bill it at ${ownPrices ? "the batch prices on this organisation's own bill" : `OpenAI's published batch discount (${BATCH_DISCOUNT.ratio * 100}% off, as of ${BATCH_DISCOUNT.asOf})`}; scale by the share that can wait.`,
      );
    }
  }

  // Cache: more of the input read from the cache, at the cached price this organisation was billed.
  {
    let saving = 0n;
    let input = 0;
    let cachedTokens = 0;
    for (const [model, m] of models) {
      for (const tier of new Set([...m.tokens.keys()].map((k) => k.split('|')[0]))) {
        const t = tier === 'default' ? null : tier;
        const uncached = m.tokens.get(part(t, 'input')) ?? 0;
        const cached = m.tokens.get(part(t, 'cached')) ?? 0;
        input += uncached + cached;
        cachedTokens += cached;
        const inputPrice = prices.price(model, 'input', t);
        const cachedPrice = prices.price(model, 'cached', t);
        const shift = Math.floor(CACHE_TARGET * (uncached + cached)) - cached;
        if (shift > 0 && inputPrice && cachedPrice && cachedPrice < inputPrice)
          saving += BigInt(shift) * (inputPrice - cachedPrice);
      }
    }
    if (input > 0) {
      const share = Math.round((cachedTokens * 1000) / input) / 10;
      add(
        'cache',
        `Raise cache hits on input (${share}% of input tokens were cached)`,
        saving,
        `If ${CACHE_TARGET * 100}% of input tokens were cache hits (keep the long, repeated part of prompts first and unchanged), at the cached and uncached input prices this organisation was billed for each model.`,
      );
    }
  }

  // Service tier: priority back to the default tier; the default tier to flex where flex was billed.
  {
    let priority = 0n;
    let flex = 0n;
    for (const [model, m] of models) {
      for (const kind of ['input', 'cached', 'output'] as const) {
        const standard = prices.price(model, kind, null);
        const priorityCost = m.cost.get(part('priority', kind)) ?? 0n;
        const priorityPrice = prices.price(model, kind, 'priority');
        if (priorityCost && standard && priorityPrice && priorityPrice > standard)
          priority += (priorityCost * (priorityPrice - standard)) / priorityPrice;
        const defaultCost = m.cost.get(part(null, kind)) ?? 0n;
        const flexPrice = prices.price(model, kind, 'flex');
        if (defaultCost && standard && flexPrice && flexPrice < standard)
          flex += (defaultCost * (standard - flexPrice)) / standard;
      }
    }
    if (priority > 0n)
      add(
        'service_tier',
        'Use the default tier where priority processing is not needed',
        priority,
        "Priority-tier usage priced at the default tier's unit prices on this organisation's own bill.",
      );
    if (flex > 0n)
      add(
        'service_tier',
        'Use flex processing for work that can run slower',
        flex,
        'Default-tier usage of models this organisation also used with flex, priced at its own flex unit prices; scale by the share that can run slower.',
      );
  }

  // A cheaper model: the costliest model's tokens, a quarter of them at the prices of a model billed cheaper for every kind.
  {
    const ranked = [...models]
      .filter(([model]) => model)
      .sort((a, b) => (a[1].total === b[1].total ? 0 : a[1].total > b[1].total ? -1 : 1));
    const [top] = ranked;
    if (top) {
      const [model, m] = top;
      let best: { model: string; cost: ExactAmount } | undefined;
      for (const [other] of ranked.slice(1)) {
        let cost = 0n;
        let cheaper = true;
        for (const [key, count] of m.tokens) {
          const [tier, kind] = key.split('|') as [string, TokenKind];
          const t = tier === 'default' ? null : tier;
          const mine = prices.price(model, kind, t);
          const theirs = prices.price(other, kind, t);
          if (!mine || !theirs || theirs >= mine) cheaper = false;
          else cost += theirs * BigInt(count);
        }
        if (cheaper && (!best || cost < best.cost)) best = { model: other, cost };
      }
      if (best) {
        const saving = ((m.total - best.cost) * BigInt(MODEL_MOVE_SHARE * 100)) / 100n;
        add(
          'model',
          `Try ${best.model} for some of ${model}'s work`,
          saving,
          `If ${MODEL_MOVE_SHARE * 100}% of ${model}'s tokens went to ${best.model} instead, at the unit prices this organisation was billed for both this month. Check the quality on your own tasks first.`,
        );
      }
    }
  }

  return hints
    .sort((a, b) => (a.saving === b.saving ? a.hint.title.localeCompare(b.hint.title) : a.saving > b.saving ? -1 : 1))
    .map(({ hint, saving }) => ({ ...hint, estimatedMonthlySavings: microsToDecimal(exactToMicros(saving)) }));
}
