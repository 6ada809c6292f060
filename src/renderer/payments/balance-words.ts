/**
 * The balance estimate in words, for Settings › Credits & balance and the dashboard's balance line alike: what
 * was counted, what was not and why, and the runway at the current pace.
 */
import { formatDay } from '../../shared/dates';
import type { ChannelOutput } from '../../shared/ipc-contract';
import { money } from '../lib/format';

export type BalanceEstimate = NonNullable<ChannelOutput<'getPayments'>['accounts'][number]['estimate']>;

export function runwayText(e: BalanceEstimate): string {
  if (e.runwayDays === null) return 'Not enough recent spend to estimate a runway.';
  if (e.runwayDays === 0) return 'Probably used up: buy credit or check auto-recharge.';
  return `About ${e.runwayDays} day${e.runwayDays === 1 ? '' : 's'} of runway at the current pace (until about ${formatDay(e.runsOutOn!)}).`;
}

/** How the estimate was worked out: the reading, the costs since, the credit added since. */
export function basisText(e: BalanceEstimate): string {
  return (
    `${money(e.recordedMicros)} recorded on ${formatDay(e.asOf)}, less ${money(e.spentSinceMicros)} of costs on the UTC days since` +
    (e.addedSinceMicros ? `, plus ${money(e.addedSinceMicros)} of credit dated after ${formatDay(e.asOf)}.` : '.')
  );
}

/**
 * Credit dated on the reading day is not added: the balance was read that day, and the page shows a purchase at
 * once, so it is already in the reading. Said with the amount, never left out silently.
 */
export function readingDayText(e: BalanceEstimate): string | null {
  if (e.onReadingDayCount === 0) return null;
  const what = e.onReadingDayCount === 1 ? 'A purchase or grant' : `${e.onReadingDayCount} purchases or grants`;
  return (
    `${what} of ${money(e.onReadingDayMicros)} dated ${formatDay(e.asOf)}, the day the balance was read, ` +
    'is taken as already in that balance and not added again. Bought it after reading the balance? Record the balance again.'
  );
}
