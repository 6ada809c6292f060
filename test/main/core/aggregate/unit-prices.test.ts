/**
 * Effective unit prices (src/main/core/aggregate/unit-prices.ts): line items read into model, token kind and tier;
 * quantity units into tokens; prices as decimal text; and the fallbacks a price takes when the bill has none for
 * exactly that (tier → default tier, cached → input, day → month). Every expected price is worked out here from the
 * amounts and quantities given, as 10^-48 dollars per token.
 */
import { describe, expect, it } from 'vitest';
import { emptySummary, summarise, type DaySummary } from '../../../../src/main/core/history/account-history';
import {
  lineItemParts,
  pricePerUnit,
  priceToDecimal,
  tokensPerUnit,
  TokenPrices,
  usageTier,
} from '../../../../src/main/core/aggregate/unit-prices';
import { anthropicCostsReader } from '../../../../src/main/core/providers/anthropic/costs-reader';
import type { CostRow, UsageRow } from '../../../../src/main/core/history/types';

/** Dollars as 10^-48-dollar units, from decimal text (the test's own arithmetic). */
const E = 48;
function dollars(text: string): bigint {
  const [int, frac = ''] = text.split('.');
  return BigInt(int) * 10n ** BigInt(E) + BigInt(frac.padEnd(E, '0'));
}
/** Price per token of `usd` per `per` tokens, in 10^-48 dollars (exact for the prices used here). */
const perToken = (usd: string, per: number): bigint => {
  const amount = dollars(usd);
  expect(amount % BigInt(per)).toBe(0n); // the test's prices divide exactly
  return amount / BigInt(per);
};

/** A day's sums holding these line items (amount in dollars, quantity in a unit, or none). */
function summaryOf(lines: { lineItem: string; usd: string; quantity?: number; unit?: string | null }[]): DaySummary {
  const s = emptySummary();
  for (const l of lines) {
    s.byLineItem.set(l.lineItem, dollars(l.usd));
    s.total += dollars(l.usd);
    s.lineQuantities.set(l.lineItem, {
      quantity: l.quantity ?? 0,
      unit: l.quantity === undefined ? null : l.unit === undefined ? 'tokens' : l.unit,
    });
  }
  return s;
}

const usage = (
  model: string,
  input: number,
  cached: number,
  output: number,
  extra: Partial<UsageRow> = {},
): UsageRow => ({
  model,
  inputTokens: input,
  cachedTokens: cached,
  outputTokens: output,
  requests: 1,
  ...extra,
});

/** A line item as Anthropic's cost reader stores it, from a cost report result. */
function anthropicLineItem(result: Record<string, unknown>): string | null {
  const read = anthropicCostsReader.result({ amount: '1', currency: 'USD', workspace_id: null, ...result });
  if (!read.ok) throw new Error(read.problem);
  return read.value.row.lineItem;
}

describe('lineItemParts', () => {
  it("reads OpenAI's line items: model, token kind and tier", () => {
    expect(lineItemParts('gpt-4o-2024-08-06, cached input (batch)')).toEqual({
      model: 'gpt-4o-2024-08-06',
      kind: 'cached',
      tier: 'batch',
    });
    expect(lineItemParts('gpt-4o-mini-2024-07-18, output (priority)')).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      kind: 'output',
      tier: 'priority',
    });
    expect(lineItemParts('gpt-4o-2024-08-06, input')).toEqual({
      model: 'gpt-4o-2024-08-06',
      kind: 'input',
      tier: null,
    });
    expect(lineItemParts('gpt-4o-2024-08-06, input (flex)')).toEqual({
      model: 'gpt-4o-2024-08-06',
      kind: 'input',
      tier: 'flex',
    });
    expect(lineItemParts('gpt-4o-2024-08-06, cached input')).toEqual({
      model: 'gpt-4o-2024-08-06',
      kind: 'cached',
      tier: null,
    });
  });

  it('gives text that names no token kind no kind (a tool, an embedding without a comma)', () => {
    expect(lineItemParts('web search tool calls')).toEqual({ model: 'web search tool calls', kind: null, tier: null });
    expect(lineItemParts('text-embedding-3-small')).toEqual({
      model: 'text-embedding-3-small',
      kind: null,
      tier: null,
    });
    expect(lineItemParts('web search')).toEqual({ model: 'web search', kind: null, tier: null });
  });

  it("reads Anthropic's line items as its cost reader builds them from the cost report", () => {
    // As the cost report sends them (model and description; the fake's shapes and Anthropic's own wording).
    const input = anthropicLineItem({
      model: 'claude-sonnet-4',
      description: 'claude-sonnet-4 input tokens',
      cost_type: 'tokens',
    });
    const output = anthropicLineItem({
      model: 'claude-sonnet-4',
      description: 'claude-sonnet-4 output tokens',
      cost_type: 'tokens',
    });
    const read = anthropicLineItem({
      model: 'claude-sonnet-4',
      description: 'claude-sonnet-4 cache read input tokens',
      cost_type: 'tokens',
    });
    const write = anthropicLineItem({
      model: 'claude-opus-4',
      description: 'Claude Opus 4 Usage - Cache Write 5m',
      cost_type: 'tokens',
    });
    const search = anthropicLineItem({ model: null, description: 'web search', cost_type: 'web_search' });
    expect([input, output, read, write, search]).toEqual([
      'claude-sonnet-4, input tokens',
      'claude-sonnet-4, output tokens',
      'claude-sonnet-4, cache read input tokens',
      'claude-opus-4, Claude Opus 4 Usage - Cache Write 5m',
      'web search',
    ]);
    expect(lineItemParts(input!)).toEqual({ model: 'claude-sonnet-4', kind: 'input', tier: null });
    expect(lineItemParts(output!)).toEqual({ model: 'claude-sonnet-4', kind: 'output', tier: null });
    expect(lineItemParts(read!)).toEqual({ model: 'claude-sonnet-4', kind: 'cached', tier: null });
    // A cache write is billed among input tokens (usage counts it with them).
    expect(lineItemParts(write!)).toEqual({ model: 'claude-opus-4', kind: 'input', tier: null });
    expect(lineItemParts(search!)).toEqual({ model: 'web search', kind: null, tier: null });
  });
});

describe('tokensPerUnit and priceToDecimal', () => {
  it('counts tokens in a unit, and none in a unit that is not tokens', () => {
    expect(tokensPerUnit('tokens')).toBe(1);
    expect(tokensPerUnit('1000_tokens')).toBe(1000);
    expect(tokensPerUnit('1000000_tokens')).toBe(1_000_000);
    expect(tokensPerUnit('images')).toBeUndefined();
    expect(tokensPerUnit(null)).toBeUndefined();
    expect(tokensPerUnit('_tokens')).toBeUndefined();
  });

  it('writes a price as dollars with up to 15 fraction digits, rounded half up, trailing zeros dropped', () => {
    expect(priceToDecimal(perToken('2.50', 1_000_000))).toBe('0.0000025');
    expect(priceToDecimal(perToken('1.25', 1_000_000))).toBe('0.00000125');
    expect(priceToDecimal(perToken('0.0375', 1_000_000))).toBe('0.0000000375');
    expect(priceToDecimal(dollars('10'))).toBe('10');
    expect(priceToDecimal(0n)).toBe('0');
    expect(priceToDecimal(-dollars('2.5'))).toBe('-2.5');
    // One third: 15 digits, the 16th (3) rounds down.
    expect(priceToDecimal(10n ** BigInt(E) / 3n)).toBe('0.333333333333333');
    // Two thirds: the 16th digit (6) rounds up.
    expect(priceToDecimal((2n * 10n ** BigInt(E)) / 3n)).toBe('0.666666666666667');
    // Exactly half of the 15th digit rounds up; just below it rounds to zero.
    expect(priceToDecimal(5n * 10n ** BigInt(E - 16))).toBe('0.000000000000001');
    expect(priceToDecimal(5n * 10n ** BigInt(E - 16) - 1n)).toBe('0');
  });

  it('divides an amount by a quantity, and has no price for no quantity', () => {
    expect(pricePerUnit(dollars('2.50'), 1_000_000)).toBe(perToken('2.50', 1_000_000));
    expect(pricePerUnit(dollars('3'), 0.5)).toBe(dollars('6'));
    expect(pricePerUnit(dollars('3'), 0)).toBeUndefined();
  });
});

describe('TokenPrices', () => {
  const WEB = 'gpt-4o-2024-08-06';
  const MINI = 'gpt-4o-mini-2024-07-18';

  it("prices each (model, kind, tier) at the day's own amount ÷ quantity, in any token unit", () => {
    const prices = new TokenPrices(
      summaryOf([
        { lineItem: `${WEB}, input`, usd: '2.5', quantity: 1_000_000 },
        { lineItem: `${WEB}, cached input`, usd: '0.625', quantity: 500_000 },
        { lineItem: `${WEB}, output`, usd: '4', quantity: 400_000 },
        // 300 units of a thousand tokens: 300,000 tokens.
        { lineItem: `${WEB}, input (priority)`, usd: '1.275', quantity: 300, unit: '1000_tokens' },
        { lineItem: `${MINI}, output (batch)`, usd: '0.03', quantity: 100_000 },
        // Not tokens: no token price, and no kind anyway.
        { lineItem: 'web search tool calls', usd: '3', quantity: 300, unit: null },
      ]),
    );
    expect(prices.price(WEB, 'input', null)).toBe(perToken('2.5', 1_000_000));
    expect(prices.price(WEB, 'cached', null)).toBe(perToken('0.625', 500_000));
    expect(prices.price(WEB, 'output', null)).toBe(perToken('4', 400_000));
    expect(prices.price(WEB, 'input', 'priority')).toBe(perToken('1.275', 300_000));
    expect(prices.price(MINI, 'output', 'batch')).toBe(perToken('0.03', 100_000));
    expect(prices.price('web search tool calls', 'input', null)).toBeUndefined();
    expect(prices.price(MINI, 'input', null)).toBeUndefined();
  });

  it("falls back from a tier to the default tier's price, and from cached to input's", () => {
    const prices = new TokenPrices(
      summaryOf([
        { lineItem: `${WEB}, input`, usd: '2.5', quantity: 1_000_000 },
        { lineItem: `${WEB}, output`, usd: '10', quantity: 1_000_000 },
        { lineItem: `${WEB}, output (priority)`, usd: '17', quantity: 1_000_000 },
      ]),
    );
    const input = perToken('2.5', 1_000_000);
    // No priority input billed: the default tier's.
    expect(prices.price(WEB, 'input', 'priority')).toBe(input);
    expect(prices.price(WEB, 'input', 'batch')).toBe(input);
    // Priority output was billed: its own, not the default's.
    expect(prices.price(WEB, 'output', 'priority')).toBe(perToken('17', 1_000_000));
    // No cached input billed: input's (the default tier's, for a tier that billed neither).
    expect(prices.price(WEB, 'cached', null)).toBe(input);
    expect(prices.price(WEB, 'cached', 'flex')).toBe(input);
  });

  it("keeps the day's own prices, prices nothing the day billed nothing for, and falls back to the month for a day not stored", () => {
    const month = new TokenPrices(
      summaryOf([
        { lineItem: `${MINI}, input`, usd: '0.15', quantity: 1_000_000 },
        { lineItem: `${MINI}, output`, usd: '0.6', quantity: 1_000_000 },
        { lineItem: `${WEB}, input`, usd: '2.5', quantity: 1_000_000 },
      ]),
    );
    const day = new TokenPrices(summaryOf([{ lineItem: `${WEB}, input`, usd: '3', quantity: 1_000_000 }]), [], month);
    expect(day.price(WEB, 'input', null)).toBe(perToken('3', 1_000_000));
    // The day billed gpt-4o-mini nothing (costs lag usage): the month's price would attribute more than was billed.
    expect(day.price(MINI, 'input', null)).toBeUndefined();
    expect(day.price(MINI, 'output', null)).toBeUndefined();
    // Cached for a model the day billed: the day's input price comes before the month's anything.
    expect(day.price(WEB, 'cached', null)).toBe(perToken('3', 1_000_000));
    expect(day.price('claude-sonnet-4', 'input', null)).toBeUndefined();
    // No summary at all (a day not stored): every price is the month's.
    expect(new TokenPrices(undefined, [], month).price(MINI, 'output', null)).toBe(perToken('0.6', 1_000_000));
  });

  it("prices costs billed without quantities (Anthropic) by the same day's usage tokens of that model and kind", () => {
    // As stored from Anthropic's cost report: no quantity, so no unit.
    const rows: CostRow[] = [
      {
        projectId: 'wrkspc_1',
        lineItem: 'claude-sonnet-4, input tokens',
        amount: dollars('0.03'),
        currency: 'usd',
        quantity: null,
      },
      {
        projectId: 'default',
        lineItem: 'claude-sonnet-4, input tokens',
        amount: dollars('0.006'),
        currency: 'usd',
        quantity: null,
      },
      {
        projectId: 'wrkspc_1',
        lineItem: 'claude-sonnet-4, cache read input tokens',
        amount: dollars('0.0006'),
        currency: 'usd',
        quantity: null,
      },
      {
        projectId: 'wrkspc_1',
        lineItem: 'claude-sonnet-4, output tokens',
        amount: dollars('0.045'),
        currency: 'usd',
        quantity: null,
      },
      { projectId: 'default', lineItem: 'web search', amount: dollars('0.01'), currency: 'usd', quantity: null },
    ];
    const day = [
      usage('claude-sonnet-4', 10_000 + 1_500, 1_500, 2_000, { apiKeyId: 'apikey_a', serviceTier: 'standard' }),
      usage('claude-sonnet-4', 2_000 + 500, 500, 1_000, { apiKeyId: 'apikey_b', serviceTier: 'standard' }),
    ];
    const prices = new TokenPrices(summarise(rows), day);
    // input: (0.03 + 0.006) over 12,000 uncached tokens; cached: 0.0006 over 2,000; output: 0.045 over 3,000.
    const input = perToken('0.036', 12_000);
    const cached = perToken('0.0006', 2_000);
    const output = perToken('0.045', 3_000);
    expect(prices.price('claude-sonnet-4', 'input', null)).toBe(input);
    expect(prices.price('claude-sonnet-4', 'cached', null)).toBe(cached);
    expect(prices.price('claude-sonnet-4', 'output', null)).toBe(output);
    // Each key's estimate: its uncached, cached and output tokens at those prices; the two add up to the tokens' cost.
    expect(prices.estimate(day[0])).toBe(10_000n * input + 1_500n * cached + 2_000n * output);
    expect(prices.estimate(day[1])).toBe(2_000n * input + 500n * cached + 1_000n * output);
    expect(prices.estimate(day[0]) + prices.estimate(day[1])).toBe(dollars('0.0816'));
  });

  it('estimates a usage row at its tier, cached tokens apart, nothing for what has no price', () => {
    const prices = new TokenPrices(
      summaryOf([
        { lineItem: `${MINI}, input`, usd: '0.15', quantity: 1_000_000 },
        { lineItem: `${MINI}, cached input`, usd: '0.075', quantity: 1_000_000 },
        { lineItem: `${MINI}, output`, usd: '0.6', quantity: 1_000_000 },
        { lineItem: `${MINI}, input (batch)`, usd: '0.075', quantity: 1_000_000 },
        { lineItem: `${MINI}, output (batch)`, usd: '0.3', quantity: 1_000_000 },
      ]),
    );
    const p = (usd: string) => perToken(usd, 1_000_000);
    expect(prices.estimate(usage(MINI, 1_000, 400, 200))).toBe(600n * p('0.15') + 400n * p('0.075') + 200n * p('0.6'));
    // Batch: batch input and output; no batch cached line, so the default tier's cached price.
    expect(prices.estimate(usage(MINI, 1_000, 400, 200, { batch: true }))).toBe(
      600n * p('0.075') + 400n * p('0.075') + 200n * p('0.3'),
    );
    // More cached than input (a provider's rounding): no negative input.
    expect(prices.estimate(usage(MINI, 100, 300, 0))).toBe(100n * p('0.075'));
    expect(prices.estimate(usage('o3-pro', 1_000, 0, 1_000))).toBe(0n);
    expect(prices.estimate({ ...usage(MINI, 10, 0, 0), model: null })).toBe(0n);
  });

  it("names a usage row's tier as line items do", () => {
    expect(usageTier(usage(MINI, 1, 0, 0, { batch: true, serviceTier: 'default' }))).toBe('batch');
    expect(usageTier(usage(MINI, 1, 0, 0, { serviceTier: 'priority' }))).toBe('priority');
    expect(usageTier(usage(MINI, 1, 0, 0, { serviceTier: 'Flex' }))).toBe('flex');
    for (const tier of ['default', 'standard', 'auto', null, undefined])
      expect(usageTier(usage(MINI, 1, 0, 0, { serviceTier: tier }))).toBeNull();
    // Anthropic's batch tier is a service tier of its own.
    expect(usageTier(usage('claude-sonnet-4', 1, 0, 0, { serviceTier: 'batch' }))).toBe('batch');
  });
});
