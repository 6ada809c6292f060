/**
 * UTC calendar helpers. OpenAI's cost buckets are UTC days, so every day key here is a UTC date.
 */
export type UtcDay = string; // YYYY-MM-DD
export type UtcMonth = string; // YYYY-MM

const DAY_MS = 86_400_000;
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

export function isUtcDay(value: string): boolean {
  if (!DAY_KEY.test(value)) return false;
  return dayFromMs(msFromDay(value)) === value;
}

/**
 * The UTC day of an instant. Arithmetic rather than `new Date(ms).toISOString()`: aggregating a year of history
 * walks days one `addDays` at a time, and this was the dashboard query's hottest function. Days from civil
 * dates per Howard Hinnant's `civil_from_days`; years outside 0000–9999 (which ISO strings write with a sign)
 * and non-finite input go the old way, so the result (or the RangeError) is always what toISOString gives.
 */
export function dayFromMs(ms: number): UtcDay {
  // Date truncates a fractional instant toward zero (-0.5 ms is 1970-01-01), so the day is taken of that.
  const z = Math.floor(Math.trunc(ms) / DAY_MS) + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 0 && year <= 9999)) return new Date(ms).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function dayFromUnix(seconds: number): UtcDay {
  return dayFromMs(seconds * 1000);
}

/** A digit of `text` at `at` as a number, NaN for anything else (which then makes the whole date NaN). */
function digitAt(text: string, at: number): number {
  const value = text.charCodeAt(at) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

/** Midnight UTC of a day, in ms. Digits read in place (no substrings): it runs for every day a query walks. */
export function msFromDay(day: UtcDay): number {
  const year = digitAt(day, 0) * 1000 + digitAt(day, 1) * 100 + digitAt(day, 2) * 10 + digitAt(day, 3);
  const month = digitAt(day, 5) * 10 + digitAt(day, 6);
  const date = digitAt(day, 8) * 10 + digitAt(day, 9);
  return Date.UTC(year, month - 1, date);
}

export function unixFromDay(day: UtcDay): number {
  return msFromDay(day) / 1000;
}

export function addDays(day: UtcDay, days: number): UtcDay {
  return dayFromMs(msFromDay(day) + days * DAY_MS);
}

export function daysBetween(from: UtcDay, to: UtcDay): number {
  return Math.round((msFromDay(to) - msFromDay(from)) / DAY_MS);
}

export function monthOf(day: UtcDay): UtcMonth {
  return day.slice(0, 7);
}

export function firstDayOfMonth(month: UtcMonth): UtcDay {
  return `${month}-01`;
}

export function addMonths(month: UtcMonth, months: number): UtcMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: UtcMonth): UtcDay {
  return addDays(firstDayOfMonth(addMonths(month, 1)), -1);
}

/** Every day from `from` to `to`, both inclusive. */
export function dayRange(from: UtcDay, to: UtcDay): UtcDay[] {
  const days: UtcDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

// Building an Intl.DateTimeFormat costs about as much as rendering a table row (ICU looks up the locale's
// patterns): one per locale and options, reused by every label.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function cachedDateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** "November 2026" for a UTC month, in the user's locale. */
export function formatMonth(month: UtcMonth, locale?: string, style: 'long' | 'short' = 'long'): string {
  return cachedDateFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(msFromDay(firstDayOfMonth(month))),
  );
}

/** "Nov 26" for a UTC day, in the user's locale. */
export function formatDay(day: UtcDay, locale?: string): string {
  return cachedDateFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(msFromDay(day)));
}

/** "November" for a UTC month, in the user's locale (for sentences where the year is obvious). */
export function formatMonthName(month: UtcMonth, locale?: string): string {
  return cachedDateFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    new Date(msFromDay(firstDayOfMonth(month))),
  );
}
