/**
 * Month-end forecast from the run rate: the average of the last complete UTC days (up to a week),
 * applied to the rest of the month. Integer arithmetic throughout.
 */
import { addDays, daysBetween, firstDayOfMonth, lastDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { Micros } from '../../../shared/money';

const RUN_RATE_DAYS = 7;

export type DailyTotal = (day: UtcDay) => Micros | undefined;

/** Spend as forecasts and balances need it: one day's figure, and a range's total (summed exactly, rounded once). */
export interface Spend {
  daily: DailyTotal;
  between(from: UtcDay, to: UtcDay): Micros;
}

/** Average of up to RUN_RATE_DAYS complete days before today that have data; undefined if none. */
export function runRate(dailyTotal: DailyTotal, today: UtcDay): Micros | undefined {
  let sum = 0;
  let count = 0;
  for (let k = 1; k <= RUN_RATE_DAYS; k++) {
    const value = dailyTotal(addDays(today, -k));
    if (value === undefined) continue;
    sum += value;
    count++;
  }
  return count === 0 ? undefined : Math.round(sum / count);
}

export function forecastMonthEnd(spend: Spend, today: UtcDay): Micros | null {
  const rate = runRate(spend.daily, today);
  if (rate === undefined) return null;
  const first = firstDayOfMonth(monthOf(today));
  // The days already complete are a figure like month to date: their exact sum, rounded once.
  const complete = today > first ? spend.between(first, addDays(today, -1)) : 0;
  const todaySoFar = spend.daily(today) ?? 0;
  const daysAfterToday = daysBetween(today, lastDayOfMonth(monthOf(today)));
  // Today is still running: count it at least at the run rate.
  return complete + Math.max(todaySoFar, rate) + rate * daysAfterToday;
}

/** The UTC day on which month-to-date spend reaches the budget at the current pace, if within the month. */
export function budgetRunOutDay(
  monthToDate: Micros,
  budget: Micros,
  rate: Micros | undefined,
  today: UtcDay,
): UtcDay | null {
  if (monthToDate >= budget) return today;
  if (!rate || rate <= 0) return null;
  const daysNeeded = Math.ceil((budget - monthToDate) / rate);
  return daysNeeded <= daysBetween(today, lastDayOfMonth(monthOf(today))) ? addDays(today, daysNeeded) : null;
}
