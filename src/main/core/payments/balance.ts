/**
 * Prepaid balance, estimated: OpenAI has no API for it, so the user records the balance shown on the
 * billing page; Spendwatch subtracts the costs of the UTC days after that reading, adds credit bought
 * since, and projects runway at the current pace. Always labelled as an estimate.
 */
import { addDays, daysBetween, type UtcDay } from '../../../shared/dates';
import type { Micros } from '../../../shared/money';
import type { AccountCredits } from '../../../shared/payments';
import { runRate, type Spend } from '../aggregate/forecast';

/**
 * Runway and the next recharge are bounded: on a nearly idle account a large balance lasts "forever",
 * and a date that far out overflows (and is meaningless). Beyond this it shows as ten years.
 * @internal
 */
export const MAX_RUNWAY_DAYS = 3650;

export interface BalanceEstimate {
  estimateMicros: Micros;
  recordedMicros: Micros;
  asOf: UtcDay;
  spentSinceMicros: Micros;
  addedSinceMicros: Micros;
  /**
   * Credit dated on the reading day itself, taken as already in the recorded balance and not added again: the
   * reading has a day, not a time, and a purchase is usually made before the balance is looked at (OpenAI's page
   * shows it at once). The UI says so, with the amount, so it is never silently left out.
   */
  onReadingDayMicros: Micros;
  onReadingDayCount: number;
  dailyRateMicros: Micros | null;
  runwayDays: number | null;
  runsOutOn: UtcDay | null;
  nextRechargeOn: UtcDay | null;
}

export function estimateBalance(
  credits: AccountCredits | undefined,
  spend: Spend,
  today: UtcDay,
): BalanceEstimate | null {
  const recorded = credits?.recordedBalance;
  if (!recorded) return null;
  const daily = spend.daily;
  // Spent since the recorded balance: the exact sum of those days, rounded once.
  const spent = recorded.asOf < today ? spend.between(addDays(recorded.asOf, 1), today) : 0;
  const entries = credits.entries ?? [];
  // Like the costs, everything dated on the reading day is taken as already in the reading; only later days count.
  const added = entries
    .filter((e) => e.date > recorded.asOf && e.date <= today)
    .reduce((sum, e) => sum + e.amountMicros, 0);
  const sameDay = entries.filter((e) => e.date === recorded.asOf);
  const estimate = recorded.amountMicros - spent + added;
  const rate = runRate(daily, today) ?? null;
  let runwayDays: number | null = null;
  if (estimate <= 0) runwayDays = 0;
  else if (rate && rate > 0) runwayDays = Math.min(MAX_RUNWAY_DAYS, Math.floor(estimate / rate));
  const auto = credits.autoRecharge;
  let nextRechargeOn: UtcDay | null = null;
  if (auto && rate && rate > 0)
    nextRechargeOn = addDays(
      today,
      Math.min(MAX_RUNWAY_DAYS, Math.max(0, Math.ceil((estimate - auto.thresholdMicros) / rate))),
    );
  return {
    estimateMicros: estimate,
    recordedMicros: recorded.amountMicros,
    asOf: recorded.asOf,
    spentSinceMicros: spent,
    addedSinceMicros: added,
    onReadingDayMicros: sameDay.reduce((sum, e) => sum + e.amountMicros, 0),
    onReadingDayCount: sameDay.length,
    dailyRateMicros: rate,
    runwayDays,
    runsOutOn: runwayDays === null ? null : addDays(today, runwayDays),
    nextRechargeOn,
  };
}

/** Days from today to a credit's expiry (negative once expired). */
export const daysToCreditExpiry = (expiresOn: UtcDay, today: UtcDay): number => daysBetween(today, expiresOn);
