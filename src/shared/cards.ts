/**
 * Card numbers and expiry dates: brand detection, Luhn check, display formatting, and expiry in the
 * cardholder's local calendar (a card is valid through the last day of its expiry month).
 * Pure TypeScript: the renderer checks as the user types, main checks again.
 */
import { cachedDateFormat } from './dates';

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  other: 'Card',
};

export const digitsOnly = (input: string): string => input.replace(/\D/g, '');

const inRange = (digits: string, length: number, low: number, high: number) => {
  const prefix = Number(digits.slice(0, length));
  return digits.length >= length && prefix >= low && prefix <= high;
};

/** The brand from the number's leading digits (IIN ranges). */
export function detectBrand(input: string): CardBrand {
  const d = digitsOnly(input);
  if (d.startsWith('4')) return 'visa';
  if (inRange(d, 2, 51, 55) || inRange(d, 4, 2221, 2720)) return 'mastercard';
  if (/^3[47]/.test(d)) return 'amex';
  if (d.startsWith('6011') || inRange(d, 3, 644, 649) || d.startsWith('65')) return 'discover';
  if (/^3(0[0-5]|[68])/.test(d)) return 'diners';
  if (inRange(d, 4, 3528, 3589)) return 'jcb';
  if (d.startsWith('62')) return 'unionpay';
  return 'other';
}

const LENGTHS: Record<CardBrand, number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: [16, 19],
  diners: [14, 16, 19],
  jcb: [16, 17, 18, 19],
  unionpay: [16, 17, 18, 19],
  other: [12, 13, 14, 15, 16, 17, 18, 19],
};

export function luhnValid(input: string): boolean {
  const d = digitsOnly(input);
  if (d.length < 12 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Why a card number is not acceptable, or null if it is. */
export function cardNumberProblem(input: string): string | null {
  if (/[^\d\s-]/.test(input)) return 'Use digits only.';
  const d = digitsOnly(input);
  const brand = detectBrand(d);
  if (!LENGTHS[brand].includes(d.length))
    return `${BRAND_NAMES[brand]} numbers have ${LENGTHS[brand].join(' or ')} digits.`;
  if (!luhnValid(d)) return 'This card number is not valid: check it for a typo.';
  return null;
}

/** "4242 4242 4242 4242", or Amex's "3782 822463 10005", as the user types. */
export function formatCardNumber(input: string): string {
  const d = digitsOnly(input).slice(0, 19);
  const groups = detectBrand(d) === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= d.length) break;
    parts.push(d.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

export const lastFour = (input: string): string => digitsOnly(input).slice(-4);

/** "Visa •••• 4242": the only form of a card number outside the keychain. */
export const maskedCard = (brand: CardBrand, last4: string): string => `${BRAND_NAMES[brand]} •••• ${last4}`;

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD of an instant in a time zone (default: this machine's). Card expiry is a local matter. */
export function localDay(instant: Date, timeZone?: string): string {
  if (timeZone === undefined) {
    // The machine's zone as it is now: a laptop travels while the tray app runs for weeks, and a formatter built
    // once would keep the zone it was built in. Date's local fields follow a change, and cost nothing to read.
    return `${String(instant.getFullYear()).padStart(4, '0')}-${twoDigits(instant.getMonth() + 1)}-${twoDigits(instant.getDate())}`;
  }
  const parts = cachedDateFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The last day a card is valid: the last day of its expiry month. */
export function expiryLastDay(month: number, year: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Whole days from `today` (a local YYYY-MM-DD) to the card's last valid day; negative once expired. */
export function daysUntilExpiry(month: number, year: number, today: string): number {
  const end = Date.parse(`${expiryLastDay(month, year)}T00:00:00Z`);
  return Math.round((end - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The one rule for "this card needs a warning", shared by the alert, the dashboard banner, the badge and the
 * payment checklist: within `days` (the largest alert threshold), or from the first day of the month before the
 * expiry month, so a card that "expires next month" is always warned about (on 1 December a card valid through
 * January is 61 days away).
 */
export function expiresSoon(month: number, year: number, today: string, days = 60): boolean {
  const todayIndex = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7));
  return daysUntilExpiry(month, year, today) <= days || year * 12 + month <= todayIndex + 1;
}

/**
 * The alert threshold (days) a card's expiry alert is keyed on today, or null when no alert is due: the smallest
 * threshold already reached, else the largest while `expiresSoon` holds; 0 once expired. No thresholds, no alert.
 */
export function expiryAlertThreshold(
  month: number,
  year: number,
  today: string,
  thresholds: readonly number[],
): number | null {
  const days = daysUntilExpiry(month, year, today);
  if (days < 0) return 0;
  if (thresholds.length === 0 || !expiresSoon(month, year, today, expiryWindowDays(thresholds))) return null;
  return [...thresholds].sort((a, b) => a - b).find((t) => days <= t) ?? expiryWindowDays(thresholds);
}

/** The window `expiresSoon` uses for a set of alert thresholds: the largest, or 60 days when there are none. */
export const expiryWindowDays = (thresholds: readonly number[]): number =>
  thresholds.length > 0 ? Math.max(...thresholds) : 60;
