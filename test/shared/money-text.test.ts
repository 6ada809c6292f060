/** The one money rule for text (src/shared/money-text.ts), and the scanner the sentence tests read it with. */
import { describe, expect, it } from 'vitest';
import { moneyText } from '../../src/shared/money-text';
import { joinSentences } from '../../src/shared/sentences';
import { moneyViolations, spacingViolations } from '../support/money-scan';

const en = (micros: number) => moneyText(micros, { locale: 'en-US' });

describe('moneyText', () => {
  it('2 decimals with thousands separators, half-even from the exact figure', () => {
    expect(en(20_144_023_045)).toBe('$20,144.02');
    expect(en(18_086_287_226)).toBe('$18,086.29');
    expect(en(3_747_758_090)).toBe('$3,747.76');
    expect(en(5_000_000)).toBe('$5.00');
    expect(en(-250_000)).toBe('-$0.25');
    expect(en(12_345_000)).toBe('$12.34'); // exactly half a cent: to the even cent
    expect(en(12_355_000)).toBe('$12.36');
    expect(en(0)).toBe('$0.00');
  });

  it('a non-zero figure under half a cent reads "<$0.01", never "$0.00"', () => {
    expect(en(4_999)).toBe('<$0.01');
    expect(en(1)).toBe('<$0.01');
    expect(en(-3)).toBe('<-$0.01');
  });

  it('in the given locale and currency', () => {
    expect(moneyText(20_144_023_045, { locale: 'de-DE' })).toBe('20.144,02\u00a0$');
    expect(moneyText(1_500_000, { locale: 'en-US', currency: 'eur' })).toBe('€1.50');
  });
});

describe('joinSentences', () => {
  it('drops empty parts: never two spaces, never a space before punctuation', () => {
    expect(joinSentences('The invoice is off.', undefined, 'Open Billing history.')).toBe(
      'The invoice is off. Open Billing history.',
    );
    expect(joinSentences('A', '', false, null, ' B .')).toBe('A B.');
  });
});

describe('the money scanner', () => {
  it('passes figures in the rule', () => {
    expect(
      moneyViolations(
        'On pace for $20,144.02 — $2,144.02 over; −$99.41 credit, -$0.25, <$0.01, <-$0.01, $0.00. Price $2.50 / 1M tokens.',
      ),
    ).toEqual([]);
  });

  it('fails every figure out of the rule (so the sentence tests can fail)', () => {
    const bad =
      'Forecast: $20144.023045, $0.0000025 per token, $18186.29, $3,747.75809, $1234.56, $-5.00, $500 budget, $1,23.00, $0.001.';
    expect(moneyViolations(bad).map((v) => v.figure)).toEqual([
      '$20144.023045',
      '$0.0000025',
      '$18186.29',
      '$3,747.75809',
      '$1234.56',
      '$-5.00',
      '$500',
      '$1,23.00',
      '$0.001',
    ]);
  });

  it('finds two spaces in a row and a space before punctuation, not an indent', () => {
    expect(spacingViolations('The invoice is off.  Open Billing history.')).toHaveLength(1);
    expect(spacingViolations('The invoice is off . Open it')).toHaveLength(1);
    expect(spacingViolations('  indented line, fine.')).toEqual([]);
  });
});
