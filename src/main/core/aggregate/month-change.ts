/**
 * A month's change against the month before, like with like: over the accounts whose history covers the whole
 * earlier month (from its 1st), so one account whose history starts later (another provider added since) never
 * makes the month read "new", and is never counted as growth either. Only when no account covers the earlier
 * month is there nothing to compare with ("new"). The running month compares its whole UTC days with the same
 * days of the month before.
 */
import { addDays, addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { Micros } from '../../../shared/money';
import { totalBetween, type HistoryView } from './aggregations';
import { dataSince } from './data-since';

export interface MonthChange {
  micros: Micros;
  previousMicros: Micros;
  /** Accounts with data this month that the comparison leaves out: their history starts after the earlier month's 1st. */
  without: string[];
}

export function monthChange(
  accounts: readonly { name: string; view: HistoryView }[],
  month: string,
  today: UtcDay,
): MonthChange | null {
  const previous = addMonths(month, -1);
  const since = accounts.map((a) => ({ ...a, since: dataSince([a.view]) }));
  const covering = since.filter((a) => a.since !== null && a.since <= firstDayOfMonth(previous));
  if (covering.length === 0) return null;
  const without = since
    .filter((a) => !covering.includes(a) && a.since !== null && a.since <= lastDayOfMonth(month))
    .map((a) => a.name);
  const views = covering.map((a) => a.view);
  if (month !== monthOf(today))
    return {
      micros: totalBetween(views, firstDayOfMonth(month), lastDayOfMonth(month)),
      previousMicros: totalBetween(views, firstDayOfMonth(previous), lastDayOfMonth(previous)),
      without,
    };
  // The running month: its whole days (the 1st to yesterday) against the same days of the month before.
  const wholeDays = Number(today.slice(8, 10)) - 1;
  if (wholeDays === 0) return { micros: 0, previousMicros: 0, without };
  const previousDays = Math.min(wholeDays, Number(lastDayOfMonth(previous).slice(8, 10)));
  return {
    micros: totalBetween(views, firstDayOfMonth(month), addDays(today, -1)),
    previousMicros: totalBetween(
      views,
      firstDayOfMonth(previous),
      addDays(firstDayOfMonth(previous), previousDays - 1),
    ),
    without,
  };
}
