/** The one budget rule (src/shared/budget-state.ts): the share used, and what it means. */
import { describe, expect, it } from 'vitest';
import { budgetUsage } from '../../src/shared/budget-state';

describe('budget usage', () => {
  it('says the share used to one decimal and whole, each rounded once from the integers', () => {
    expect(budgetUsage(401_220_000, 500_000_000)).toEqual({ usedPercent: 80.2, wholePercent: 80, state: 'near' });
    // 12.46%: one decimal 12.5, whole 12 (never 13 from rounding the rounded figure).
    expect(budgetUsage(12_460_000, 100_000_000)).toMatchObject({ usedPercent: 12.5, wholePercent: 12 });
    expect(budgetUsage(0, 100_000_000)).toEqual({ usedPercent: 0, wholePercent: 0, state: 'ok' });
  });

  it('is near at 80% or with a forecast past the budget, and over at 100%', () => {
    expect(budgetUsage(79_940_000, 100_000_000).state).toBe('ok');
    expect(budgetUsage(79_960_000, 100_000_000).state).toBe('near');
    expect(budgetUsage(40_000_000, 100_000_000, 100_000_000).state).toBe('ok');
    expect(budgetUsage(40_000_000, 100_000_000, 100_000_001).state).toBe('near');
    expect(budgetUsage(100_000_000, 100_000_000).state).toBe('over');
    expect(budgetUsage(401_220_000, 400_000_000)).toEqual({ usedPercent: 100.3, wholePercent: 100, state: 'over' });
  });
});
