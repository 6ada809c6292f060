import { describe, expect, it } from 'vitest';
import { billingPeriod, finalFrom, roundToCent } from '../../../../src/main/core/billing/reconcile';

describe('reconciliation arithmetic', () => {
  it('rounds the difference once, half-even, to the cent', () => {
    expect(roundToCent(5_003_211)).toBe(5_000_000);
    expect(roundToCent(4_996_789)).toBe(5_000_000);
    expect(roundToCent(5_000_000)).toBe(5_000_000);
    expect(roundToCent(15_000)).toBe(20_000); // 0.015 → 0.02 (1 is odd)
    expect(roundToCent(25_000)).toBe(20_000); // 0.025 → 0.02 (2 is even)
    expect(roundToCent(-15_000)).toBe(-20_000);
    expect(roundToCent(-4_999)).toBe(0);
    expect(Object.is(roundToCent(-4_999), -0)).toBe(false);
  });

  it('billing periods: the UTC month by default, or from another start day to the day before it a month later', () => {
    expect(billingPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(billingPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(billingPeriod('2026-12', 15)).toEqual({ from: '2026-12-15', to: '2027-01-14' });
    expect(finalFrom('2026-10-31')).toBe('2026-11-04');
  });
});
