/** Unit prices by the one money rule (src/shared/unit-price-text.ts): 2 decimals, per enough units to read a cent. */
import { describe, expect, it } from 'vitest';
import { unitPriceText } from '../../src/shared/unit-price-text';

const en = { locale: 'en-US' };

describe('unitPriceText', () => {
  it('quotes token prices per 1M tokens, whatever unit the quantity came in', () => {
    expect(unitPriceText('0.0000025', 'tokens', en)).toBe('$2.50 / 1M tokens');
    expect(unitPriceText('0.00000015', 'tokens', en)).toBe('$0.15 / 1M tokens');
    expect(unitPriceText('0.0025', '1000_tokens', en)).toBe('$2.50 / 1M tokens');
    // A cached-input price of $0.075 per 1M reads to the cent (half-even: 0.075 → 0.08); the exact one is in --json.
    expect(unitPriceText('0.000000075', 'tokens', en)).toBe('$0.08 / 1M tokens');
  });

  it('quotes other units per one, per 1K or per 1M: the first that reads at least a cent', () => {
    expect(unitPriceText('0.04', 'images', en)).toBe('$0.04 / image');
    expect(unitPriceText('0.000015', 'characters', en)).toBe('$0.02 / 1K characters');
    expect(unitPriceText('0.0000001', 'gibibyte_hours', en)).toBe('$0.10 / 1M gibibyte hours');
    expect(unitPriceText('1234.5', 'sessions', en)).toBe('$1,234.50 / session');
  });

  it('never shows more than 2 decimals, even for a price below a cent per million units', () => {
    expect(unitPriceText('0.000000000001', 'requests', en)).toBe('<$0.01 / 1M requests');
    expect(unitPriceText('0.0000000000001', 'tokens', en)).toBe('<$0.01 / 1M tokens');
  });
});
