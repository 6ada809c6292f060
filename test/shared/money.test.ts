import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exactToDecimal,
  exactToMicros,
  formatMoney,
  microsToDecimal,
  microsToExact,
  MoneyFormatError,
  parseExact,
  parseUserAmount,
  percentOf,
  sumMicros,
  toMicros,
} from '../../src/shared/money';

describe('toMicros', () => {
  it.each([
    [1, 1_000_000],
    [0.01, 10_000],
    ['0.01', 10_000],
    ['12.345678', 12_345_678],
    [1.2345674, 1_234_567],
    ['2.5000005', 2_500_000], // exactly half, kept digit even: stays
    ['2.5000015', 2_500_002], // exactly half, kept digit odd: rounds up
    ['0.0000015', 2],
    ['0.00000150000001', 2],
    ['0.0000025', 2],
    ['0.00000250001', 3],
    ['-0.0000025', -2],
    [1e-7, 0],
    [1.5e-6, 2],
    ['1e3', 1_000_000_000],
    [123456.7890125, 123_456_789_012],
    ['.5', 500_000],
    ['7.', 7_000_000],
  ])('%p → %p micros', (input, expected) => {
    expect(toMicros(input)).toBe(expected);
  });

  it.each([['abc'], [''], ['1.2.3'], [Number.NaN], [Number.POSITIVE_INFINITY], ['1e400']])('refuses %p', (input) => {
    expect(() => toMicros(input as number | string)).toThrow(MoneyFormatError);
  });

  it('never returns negative zero', () => {
    expect(Object.is(toMicros('-0.0000001'), 0)).toBe(true);
  });

  it('agrees with exact decimal rounding for any six-or-more-decimal string (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 6, max: 9 }), (scaled, decimals) => {
        const text = `${scaled / 10n ** BigInt(decimals)}.${(scaled % 10n ** BigInt(decimals)).toString().padStart(decimals, '0')}`;
        const drop = 10n ** BigInt(decimals - 6);
        const q = scaled / drop;
        const r = scaled % drop;
        const expected = r * 2n > drop || (r * 2n === drop && q % 2n === 1n) ? q + 1n : q;
        return toMicros(text) === Number(expected);
      }),
    );
  });
});

describe('microsToDecimal', () => {
  it.each([
    [0, '0.00'],
    [10_000, '0.01'],
    [1, '0.000001'],
    [12_340_000, '12.34'],
    [12_345_600, '12.3456'],
    [-3_100_000, '-3.10'],
    [1_000_000_000_000, '1000000.00'],
  ])('%p → %p', (micros, text) => {
    expect(microsToDecimal(micros)).toBe(text);
  });

  it('round-trips through toMicros (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (m) => toMicros(microsToDecimal(m)) === m));
  });
});

describe('sums and formatting', () => {
  it('sums integers exactly where floats would drift', () => {
    const parts = Array.from({ length: 10 }, () => toMicros(0.1));
    expect(sumMicros(parts)).toBe(1_000_000);
    expect(parts.reduce((a) => a + 0.1, 0)).not.toBe(1); // the float sum this avoids
  });

  it('formats through Intl exactly at the cent, without a float detour', () => {
    expect(formatMoney(1_005_000, 'usd', { locale: 'en-US' })).toBe('$1.01');
    expect(formatMoney(1_234_567_890, 'usd', { locale: 'en-US' })).toBe('$1,234.57');
    expect(formatMoney(1_234_567_890, 'usd', { locale: 'de-DE' })).toBe('1.234,57\u00a0$');
    expect(formatMoney(1_234_567, 'usd', { locale: 'en-US', precise: true })).toBe('$1.234567');
  });

  it('computes budget percentages from integers', () => {
    expect(percentOf(401_220_000, 500_000_000)).toBe(80.2);
    expect(percentOf(1, 0)).toBe(0);
  });

  it('parses user-typed amounts', () => {
    expect(parseUserAmount('$1,250.50')).toBe(1_250_500_000);
    expect(() => parseUserAmount('ten')).toThrow();
    expect(parseUserAmount(' 500 ')).toBe(500_000_000);
    expect(parseUserAmount('1234.5')).toBe(1_234_500_000);
    // Guessing would record the wrong figure: a decimal comma, stray separators, spaces and exponents are refused.
    for (const bad of ['12,34', '1,2,3', '5 0', '1e3', '1,23.5', '.5.', '-5', '1.1234567'])
      expect(() => parseUserAmount(bad), bad).toThrow(MoneyFormatError);
  });
});

describe('exact amounts (ExactAmount)', () => {
  it.each([
    ['0.00003420000000000000000000000000000000', '0.0000342'],
    ['0E-6176', '0'],
    ['-0E+12', '0'],
    ['4.5E-7', '0.00000045'],
    [1e-7, '0.0000001'],
    ['1e3', '1000'],
    ['0.12345678901234567890123', '0.12345678901234567890123'],
    ['12.3456785000000000000000000000000000', '12.3456785'],
    ['.5', '0.5'],
    ['-3.10', '-3.1'],
  ])('keeps %p exactly as %p', (input, text) => {
    expect(exactToDecimal(parseExact(input))).toBe(text);
  });

  it('refuses what is not an amount, or is absurdly large, with a MoneyFormatError', () => {
    for (const bad of ['abc', '', '1.2.3', 'NaN', '1e400', '9'.repeat(14), 'x'.repeat(500), Number.POSITIVE_INFINITY]) {
      expect(() => parseExact(bad as string)).toThrow(MoneyFormatError);
    }
  });

  it('rounds digits finer than 1e-48 half-even and never loses a coarser digit', () => {
    expect(exactToDecimal(parseExact(`0.${'0'.repeat(47)}15`))).toBe(`0.${'0'.repeat(47)}2`);
    expect(exactToDecimal(parseExact(`0.${'0'.repeat(47)}25`))).toBe(`0.${'0'.repeat(47)}2`);
    expect(parseExact('1E-6176')).toBe(0n);
  });

  it('rounds a sum once, half-even, to micros', () => {
    const sum = parseExact('0.0000005') + parseExact('0.0000000000000000000001');
    expect(exactToMicros(sum)).toBe(1); // above half: up, although each part alone rounds to 0 or is a tie
    expect(exactToMicros(parseExact('0.0000005'))).toBe(0); // exact tie, 0 is even
    expect(exactToMicros(parseExact('0.0000015'))).toBe(2);
    expect(exactToMicros(parseExact('-0.0000015'))).toBe(-2);
    expect(Object.is(exactToMicros(parseExact('-0.0000001')), 0)).toBe(true);
    expect(exactToMicros(microsToExact(123_456_789))).toBe(123_456_789);
  });

  it('sums exactly what row-by-row rounding gets wrong (property, against a BigInt oracle at the inputs’ own scale)', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 6, max: 30 }))
      .map(([digits, scale]) => {
        const text = digits.toString().padStart(scale + 1, '0');
        return scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text;
      });
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 40 }), (amounts) => {
        const scale = 30;
        const scaled = amounts.map((a) => {
          const [i, f = ''] = a.split('.');
          return BigInt(i) * 10n ** BigInt(scale) + BigInt(f.padEnd(scale, '0'));
        });
        const total = scaled.reduce((s, v) => s + v, 0n);
        const unit = 10n ** BigInt(scale - 6);
        let micros = total / unit;
        const rest = total % unit;
        if (rest * 2n > unit || (rest * 2n === unit && micros % 2n === 1n)) micros += 1n;
        const exact = amounts.reduce((s, a) => s + parseExact(a), 0n);
        return (
          exactToMicros(exact) === Number(micros) &&
          exactToDecimal(exact) === exactToDecimal(parseExact(exactToDecimal(exact)))
        );
      }),
    );
  });
});
