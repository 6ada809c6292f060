/** Display formatting in the user's locale (money through Intl, from exact micros). */
import { formatMoney, type Micros } from '../shared/money';

export const money = (micros: Micros, currency = 'usd') => formatMoney(micros, currency);
export const preciseMoney = (micros: Micros, currency = 'usd') => formatMoney(micros, currency, { precise: true });
export const compactMoney = (micros: Micros, currency = 'usd') => formatMoney(micros, currency, { compact: true });

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

export function localDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
