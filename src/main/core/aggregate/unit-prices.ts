/**
 * Effective unit prices: what a line item cost ÷ the quantity billed, in the unit the provider names. No price
 * table: every price here is the organisation's own bill. Token prices key estimates (per user, and per API key
 * where costs cannot be grouped by key) and savings hints.
 */
import { EXACT_PER_UNIT, type ExactAmount } from '../../../shared/money';
import type { DaySummary } from '../history/account-history';
import type { UsageRow } from '../history/types';

/** The kinds of token a line item bills, as usage counts them. */
export type TokenKind = 'input' | 'cached' | 'output';

/** @internal Exported for tests. */
export interface LineItemParts {
  model: string;
  kind: TokenKind | null;
  /** "batch", "flex", "priority", … when the line item names one; null: the default tier. */
  tier: string | null;
}

const TIERS = /\b(batch|flex|priority|scale)\b/i;

/**
 * "gpt-4o-2024-08-06, cached input (batch)" → gpt-4o-2024-08-06, cached, batch. OpenAI's and Anthropic's line
 * items (as stored: "<model>, <what>") alike; text that names no token kind has kind null (a tool, an image, …).
 * @internal
 */
export function lineItemParts(lineItem: string): LineItemParts {
  const comma = lineItem.indexOf(',');
  const model = (comma > 0 ? lineItem.slice(0, comma) : lineItem).trim();
  const what = comma > 0 ? lineItem.slice(comma + 1).toLowerCase() : '';
  const tier = TIERS.exec(what)?.[1]?.toLowerCase() ?? null;
  let kind: TokenKind | null = null;
  if (/cache[ds]?[ _-]?(read|hit|input)|cached/.test(what)) kind = 'cached';
  else if (/output|completion/.test(what)) kind = 'output';
  // A cache write is billed as input (usage counts it among input tokens beside the uncached ones).
  else if (/input|prompt|cache[ _-]?(write|creation)/.test(what)) kind = 'input';
  return { model, kind, tier };
}

/**
 * Tokens in one unit of a line item's quantity; undefined: the unit is not tokens.
 * @internal
 */
export function tokensPerUnit(unit: string | null): number | undefined {
  if (unit === 'tokens') return 1;
  const match = unit ? /^(\d+)_tokens$/.exec(unit) : null;
  return match ? Number(match[1]) : undefined;
}

/** Exact price per one unit of quantity, in 10^-PRICE_DIGITS dollars' worth of ExactAmount units per unit. */
const QUANTITY_SCALE = 1_000_000n;

/** amount ÷ quantity, exactly enough (ExactAmount units per unit; quantities are kept to a millionth). */
export function pricePerUnit(amount: ExactAmount, quantity: number): ExactAmount | undefined {
  // Quantities are bounded where they are read (1e15); beyond that no price is meaningful.
  if (!Number.isFinite(quantity) || Math.abs(quantity) > 1e15) return undefined;
  const product = Math.round(quantity * Number(QUANTITY_SCALE));
  const scaled = BigInt(product);
  if (scaled <= 0n) return undefined;
  return (amount * QUANTITY_SCALE) / scaled;
}

/** A price per unit as dollars: decimal text with up to 15 fraction digits, trailing zeros dropped. */
export function priceToDecimal(price: ExactAmount): string {
  const negative = price < 0n;
  const abs = negative ? -price : price;
  const fractionUnit = EXACT_PER_UNIT / 10n ** 15n;
  const rounded = (abs + fractionUnit / 2n) / fractionUnit;
  const units = rounded / 10n ** 15n;
  const fraction = (rounded % 10n ** 15n).toString().padStart(15, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${units}${fraction ? `.${fraction}` : ''}`;
}

/** Prices per token by (model, kind, tier), from one day's (or month's) sums and, lacking quantities, its usage. */
export class TokenPrices {
  private readonly prices = new Map<string, ExactAmount>();

  constructor(summary: DaySummary | undefined, usage: readonly UsageRow[] = [], fallback?: TokenPrices) {
    this.fallback = fallback;
    this.stored = summary !== undefined;
    if (!summary) return;
    const amounts = new Map<string, ExactAmount>();
    const tokens = new Map<string, number>();
    const unmeasured = new Map<string, ExactAmount>();
    for (const [lineItem, amount] of summary.byLineItem) {
      const parts = lineItemParts(lineItem);
      if (!parts.kind) continue;
      const key = priceKey(parts.model, parts.kind, parts.tier);
      this.billed.add(priceKey(parts.model, parts.kind, null));
      const quantity = summary.lineQuantities.get(lineItem);
      const perUnit = tokensPerUnit(quantity?.unit ?? null);
      if (quantity && perUnit !== undefined) {
        amounts.set(key, (amounts.get(key) ?? 0n) + amount);
        tokens.set(key, (tokens.get(key) ?? 0) + quantity.quantity * perUnit);
      } else {
        unmeasured.set(key, (unmeasured.get(key) ?? 0n) + amount);
      }
    }
    // Costs without quantities (Anthropic's cost report): the day's usage tokens of that model and kind are the quantity.
    if (unmeasured.size) {
      const used = usageTokens(usage);
      for (const [key, amount] of unmeasured) {
        if (tokens.has(key)) continue;
        const count = used.get(key) ?? used.get(untiered(key));
        if (count) {
          amounts.set(key, amount);
          tokens.set(key, count);
        }
      }
    }
    for (const [key, amount] of amounts) {
      const price = pricePerUnit(amount, tokens.get(key)!);
      if (price !== undefined) this.prices.set(key, price);
    }
  }

  private readonly fallback: TokenPrices | undefined;
  /** (model, kind) the day billed anything for: only those may take the fallback's price (or any, for a day not stored). */
  private readonly billed = new Set<string>();
  private readonly stored: boolean;

  /** The price of one token; the default tier's when the tier has none; input's for cached when cached has none. */
  price(model: string, kind: TokenKind, tier: string | null): ExactAmount | undefined {
    const own =
      this.prices.get(priceKey(model, kind, tier)) ?? (tier ? this.prices.get(priceKey(model, kind, null)) : undefined);
    if (own !== undefined) return own;
    if (kind === 'cached') {
      const input = this.price(model, 'input', tier);
      if (input !== undefined) return input;
    }
    // A day that billed nothing for this model and kind (costs lag usage; today's partial day) prices none of
    // its usage: the month's price would attribute more than the day billed.
    return !this.stored || this.billed.has(priceKey(model, kind, null))
      ? this.fallback?.price(model, kind, tier)
      : undefined;
  }

  /** A usage row's cost at these prices (exact); 0 for what has no price (it stays unattributed). */
  estimate(row: UsageRow): ExactAmount {
    const model = row.model ?? '';
    const tier = usageTier(row);
    const cached = Math.min(row.cachedTokens, row.inputTokens);
    let total = 0n;
    for (const [kind, count] of [
      ['input', row.inputTokens - cached],
      ['cached', cached],
      ['output', row.outputTokens],
    ] as const) {
      if (count <= 0) continue;
      const price = this.price(model, kind, tier);
      if (price !== undefined) total += price * BigInt(count);
    }
    return total;
  }
}

/** The tier a usage row was billed in, named as line items name it. */
export function usageTier(row: UsageRow): string | null {
  if (row.batch) return 'batch';
  const tier = row.serviceTier?.toLowerCase() ?? null;
  return tier && tier !== 'default' && tier !== 'standard' && tier !== 'auto' ? tier : null;
}

function priceKey(model: string, kind: TokenKind, tier: string | null): string {
  return `${model}\u0000${kind}\u0000${tier ?? ''}`;
}

function untiered(key: string): string {
  return key.slice(0, key.lastIndexOf('\u0000') + 1);
}

/** A day's usage tokens by (model, kind, tier). */
function usageTokens(usage: readonly UsageRow[]): Map<string, number> {
  const tokens = new Map<string, number>();
  const add = (key: string, count: number) => count > 0 && tokens.set(key, (tokens.get(key) ?? 0) + count);
  for (const row of usage) {
    const model = row.model ?? '';
    const tier = usageTier(row);
    const cached = Math.min(row.cachedTokens, row.inputTokens);
    add(priceKey(model, 'input', tier), row.inputTokens - cached);
    add(priceKey(model, 'cached', tier), cached);
    add(priceKey(model, 'output', tier), row.outputTokens);
  }
  return tokens;
}
