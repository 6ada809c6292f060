/** What makes a day a spike, and how a spike is worded: shared by the account's and the scopes' spike rules. */
import { addDays, formatDay, type UtcDay } from '../../../../shared/dates';
import { type Micros } from '../../../../shared/money';
import { moneyText } from '../../../../shared/money-text';

/** A spike is a day at least this many times its norm (and above it by at least the floor). */
const SPIKE_FACTOR = 2.5;
const SPIKE_NORM_DAYS = 14;
const SPIKE_MIN_NORM_DAYS = 7;

/** A day well above its own trailing norm (the median of up to 14 days before it), by the factor and the floor. */
export function spikeOn(
  daily: (day: UtcDay) => Micros | undefined,
  day: UtcDay,
  floorMicros: Micros,
): { spent: Micros; median: Micros } | undefined {
  const spent = daily(day);
  if (spent === undefined) return undefined;
  const norm: Micros[] = [];
  for (let k = 1; k <= SPIKE_NORM_DAYS; k++) {
    const v = daily(addDays(day, -k));
    if (v !== undefined) norm.push(v);
  }
  if (norm.length < SPIKE_MIN_NORM_DAYS) return undefined;
  const sorted = norm.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (spent < median * SPIKE_FACTOR || spent - median < floorMicros) return undefined;
  return { spent, median };
}

/** "3.2× its usual $40.00 a day". */
export function spikeFactor(spent: Micros, median: Micros): string {
  return median > 0
    ? `${(spent / median).toFixed(1)}× its usual ${moneyText(median)} a day`
    : `against a usual ${moneyText(median)} a day`;
}

export const spikeWhen = (day: UtcDay, today: UtcDay): string =>
  day === today ? 'so far today (UTC)' : `on ${formatDay(day)} (UTC)`;
