/**
 * How a chart names its buckets: UTC days, or UTC calendar months for the 12-month range (one bar a month, as
 * the providers' consoles show it). The running month is the last one and is marked "to date", never drawn as
 * if it were a whole month that fell off a cliff.
 */
import { cachedDateFormat, firstDayOfMonth, formatDay, formatMonth, monthOf, msFromDay } from '../../../shared/dates';

const formatMonthShortName = (month: string): string =>
  cachedDateFormat(undefined, { month: 'short', timeZone: 'UTC' }).format(new Date(msFromDay(firstDayOfMonth(month))));

export interface BucketWords {
  monthly: boolean;
  /** The x-axis label. */
  tick: (day: string) => string;
  /** The tooltip's heading. */
  heading: (day: string) => string;
  /** The first cell of a table row. */
  cell: (day: string) => string;
  /** The first column's heading. */
  column: string;
  /** "Monthly" or "Daily". */
  adjective: string;
}

export function bucketWords(bucket: 'day' | 'month', lastDay: string | undefined, firstDay?: string): BucketWords {
  if (bucket === 'month') {
    const running = (day: string) => lastDay !== undefined && monthOf(day) === monthOf(lastDay);
    return {
      monthly: true,
      // "Jan 2026" where the year turns (and on the first bar), else "Feb": twelve labels fit at 720 px.
      tick: (day) =>
        day === firstDay || monthOf(day).endsWith('-01')
          ? formatMonth(monthOf(day), undefined, 'short')
          : formatMonthShortName(monthOf(day)),
      heading: (day) => `${formatMonth(monthOf(day))} (UTC${running(day) ? ', to date' : ''})`,
      cell: (day) => `${monthOf(day)}${running(day) ? ' (to date)' : ''}`,
      column: 'Month (UTC)',
      adjective: 'Monthly',
    };
  }
  return {
    monthly: false,
    tick: (day) => formatDay(day),
    heading: (day) => `${formatDay(day)} (UTC)`,
    cell: (day) => day,
    column: 'Day (UTC)',
    adjective: 'Daily',
  };
}
