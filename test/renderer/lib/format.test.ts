import { describe, expect, it } from 'vitest';
import {
  changeText,
  exactTitle,
  money,
  moneyAxis,
  niceStep,
  preciseMoney,
  shareText,
  tooltipMoney,
} from '../../../src/renderer/lib/format';

describe('the money-format rule (format.ts)', () => {
  it('shows every figure with exactly 2 decimals, and a non-zero figure under half a cent as "<$0.01"', () => {
    expect(money(218_058_123)).toBe('$218.06');
    expect(money(218_000_000)).toBe('$218.00');
    expect(money(1_234_567_890_120)).toBe('$1,234,567.89');
    expect(money(0)).toBe('$0.00');
    expect(money(5_001)).toBe('$0.01');
    expect(money(5_000)).toBe('<$0.01'); // $0.005 rounds half-even to $0.00: not shown as nothing
    expect(money(4_999)).toBe('<$0.01');
    expect(money(1)).toBe('<$0.01');
    expect(money(-1)).toBe('<-$0.01');
    expect(money(-2_500_000)).toBe('-$2.50');
  });

  it('rounds exactly, half-even on the decimal string (no float detour)', () => {
    expect(money(1_005_000)).toBe('$1.00'); // 1.005 → 1.00 (half to even)
    expect(money(1_015_000)).toBe('$1.02');
    expect(money(9_007_199_254_740)).toBe('$9,007,199.25');
  });

  it('puts the exact micro-dollar figure on hover', () => {
    expect(preciseMoney(218_058_123)).toBe('$218.058123');
    expect(preciseMoney(218_050_000)).toBe('$218.05');
    expect(exactTitle(1_234)).toBe('Exact: $0.001234');
  });

  it('shows the exact value beside "<$0.01" in chart tooltips, which cannot be hovered', () => {
    expect(tooltipMoney(3_000)).toBe('<$0.01 ($0.003)');
    expect(tooltipMoney(12_340_000)).toBe('$12.34');
    expect(tooltipMoney(0)).toBe('$0.00');
  });

  it('gives axis ticks that tell cents apart on a cents-only organisation: never the same label twice', () => {
    const axis = moneyAxis(9_500); // largest bar $0.0095
    const labels = axis.ticks.map(axis.format);
    expect(labels).toEqual(['$0.0000', '$0.0025', '$0.0050', '$0.0075', '$0.0100']);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.every((l) => l !== '$0')).toBe(true);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.0095);
    const tiny = moneyAxis(37); // $0.000037
    expect(new Set(tiny.ticks.map(tiny.format)).size).toBe(tiny.ticks.length);
  });

  it('gives axis ticks from cents to millions, each a nice step, labels distinct and compact', () => {
    for (const max of [12, 4_321, 987_654, 45_000_000, 1_234_567_890, 1_200_000_000_000, 3_214_327_630_000]) {
      const axis = moneyAxis(max);
      const labels = axis.ticks.map(axis.format);
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      expect(axis.ticks[0]).toBe(0);
      expect(axis.ticks.at(-1)! * 1e6).toBeGreaterThanOrEqual(max);
      expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
      expect(axis.ticks.length).toBeLessThanOrEqual(7);
    }
    const million = moneyAxis(1_200_000_000_000);
    expect(million.ticks.map(million.format)).toEqual(['$0', '$500K', '$1M', '$1.5M']);
    const quarter = moneyAxis(950_000);
    expect(quarter.ticks.map(quarter.format)).toEqual(['$0.00', '$0.25', '$0.50', '$0.75', '$1.00']);
    const empty = moneyAxis(0);
    expect(empty.ticks.map(empty.format)).toEqual(['$0']);
  });

  it('reaches below zero when a stack has negative parts (credits), 0 still a tick', () => {
    const axis = moneyAxis(40_000_000, 'usd', 5, -17_000_000);
    expect(axis.ticks.map(axis.format)).toEqual(['-$20', '$0', '$20', '$40']);
    expect(axis.domain).toEqual([-20, 40]);
    expect(moneyAxis(40_000_000, 'usd', 5, 3_000_000).ticks[0]).toBe(0); // a positive minimum changes nothing
  });

  it('picks nice steps of 1, 2, 2.5 and 5 × 10ⁿ', () => {
    expect([niceStep(0.3), niceStep(3), niceStep(2_300), niceStep(240_000), niceStep(410_000)]).toEqual([
      1, 5, 2_500, 250_000, 500_000,
    ]);
  });

  it('shows shares with one decimal, "<0.1%" for a tiny share and never 100% for a part', () => {
    expect(shareText(845_000, 1_000_000)).toBe('84.5%');
    expect(shareText(234_000_000, 1_200_000_000_000)).toBe('<0.1%'); // $234 of $1.2M
    expect(shareText(1_000, 1_000_000)).toBe('0.1%');
    expect(shareText(0, 1_000_000)).toBe('0%');
    expect(shareText(999_999, 1_000_000)).toBe('>99.9%');
    expect(shareText(1_000_000, 1_000_000)).toBe('100%');
    expect(shareText(5, 0)).toBe('—');
  });

  it('computes a change only against a period with full data, otherwise "new"', () => {
    expect(changeText(120, 100)).toBe('+20%');
    expect(changeText(80, 100)).toBe('-20%');
    expect(changeText(100, 100)).toBe('0%');
    expect(changeText(99_999_990, 100_000_000)).toBe('0%'); // a fall that rounds to nothing: never "-0%"
    expect(changeText(250_000_000, 1_000_000, false)).toBe('new'); // would be +24900% against a partial first month
    expect(changeText(5, 0)).toBe('new');
    expect(changeText(0, 0)).toBe('—');
    expect(changeText(0, 0, false)).toBe('—');
    expect(changeText(250_000_000, 1_000_000)).toBe('+24,900%');
  });
});
