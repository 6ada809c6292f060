import { describe, expect, it } from 'vitest';
import {
  centsToDecimal,
  centsToMicros,
  parseRecipients,
  parseWholeCents,
  WholeCentsError,
} from '../../src/shared/spend-control-amounts';

describe('spend-control amounts (integer cents)', () => {
  it('parses dollars into exact cents', () => {
    expect(parseWholeCents('750')).toBe(75_000);
    expect(parseWholeCents('750.5')).toBe(75_050);
    expect(parseWholeCents('$1,234.56')).toBe(123_456);
    expect(parseWholeCents('0.01')).toBe(1);
    expect(parseWholeCents('19.990000')).toBe(1_999);
    // 0.1 + 0.2 style float traps never apply: digits are read as text.
    expect(parseWholeCents('0.29')).toBe(29);
    expect(parseWholeCents('1.15')).toBe(115);
  });

  it('refuses anything that is not a whole number of cents, never rounding', () => {
    for (const bad of ['750.001', '750.005', '0.0001', '-5', '1e3', 'abc', '', '1.2.3', '12,34', '9999999999999']) {
      expect(() => parseWholeCents(bad), bad).toThrow(WholeCentsError);
    }
  });

  it('converts between cents and micros exactly', () => {
    expect(centsToMicros(75_000)).toBe(750_000_000);
    expect(centsToDecimal(75_000)).toBe('750.00');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(123_456)).toBe('1234.56');
  });

  it('reads comma-separated email recipients', () => {
    expect(parseRecipients(' ops@example.com, cfo@example.co.uk ')).toEqual(['ops@example.com', 'cfo@example.co.uk']);
    expect(parseRecipients('')).toBeNull();
    expect(parseRecipients('ops@example.com, nope')).toBeNull();
    expect(parseRecipients(Array.from({ length: 11 }, (_, i) => `a${i}@example.com`).join(','))).toBeNull();
  });
});
