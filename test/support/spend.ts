/** Spend from per-day figures, for forecast and balance tests (days given in whole micros, so sums are exact). */
import type { Spend } from '../../src/main/core/aggregate/forecast';
import { addDays, type UtcDay } from '../../src/shared/dates';

export function spendFromDays(values: Record<UtcDay, number>): Spend {
  const daily = (day: UtcDay) => values[day];
  return {
    daily,
    between(from, to) {
      let total = 0;
      for (let d = from; d <= to; d = addDays(d, 1)) total += daily(d) ?? 0;
      return total;
    },
  };
}
