/**
 * Exact money: integer micro-units (1e-6 of the currency unit). Never sum floats.
 * Pure TypeScript, shared by main, renderer and CLI.
 */
export type Micros = number;

export const MICROS_PER_UNIT = 1_000_000;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Thrown when an amount cannot be represented exactly as integer micros. */
export class MoneyFormatError extends Error {
  constructor(value: unknown) {
    super(`Not a valid money amount: ${JSON.stringify(value)}`);
    this.name = 'MoneyFormatError';
  }
}

/**
 * Converts a decimal amount in currency units (number or string, as OpenAI may send either)
 * to integer micros, rounding half-even at the sixth decimal.
 */
export function toMicros(value: number | string): Micros {
  const text = typeof value === 'number' ? numberToPlainText(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new MoneyFormatError(value);
  const negative = match[1] === '-';
  let intPart = match[2] || '0';
  let fracPart = match[3] ?? '';
  const exponent = match[4] ? Number(match[4]) : 0;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) throw new MoneyFormatError(value);
  // Shift the decimal point by the exponent, on the digit string, so no precision is lost.
  if (exponent > 0) {
    fracPart = fracPart.padEnd(exponent, '0');
    intPart += fracPart.slice(0, exponent);
    fracPart = fracPart.slice(exponent);
  } else if (exponent < 0) {
    intPart = intPart.padStart(-exponent + 1, '0');
    fracPart = intPart.slice(intPart.length + exponent) + fracPart;
    intPart = intPart.slice(0, intPart.length + exponent);
  }
  const kept = BigInt(intPart + fracPart.slice(0, 6).padEnd(6, '0'));
  const rest = fracPart.slice(6);
  let micros = kept;
  if (/[1-9]/.test(rest)) {
    const first = rest.charCodeAt(0) - 48;
    const exactlyHalf = first === 5 && !/[1-9]/.test(rest.slice(1));
    if (first > 5 || (first === 5 && !exactlyHalf) || (exactlyHalf && kept % 2n === 1n)) micros += 1n;
  }
  const result = Number(negative ? -micros : micros);
  if (!Number.isSafeInteger(result)) throw new MoneyFormatError(value);
  return result === 0 ? 0 : result; // no negative zero
}

function numberToPlainText(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyFormatError(value);
  return String(value); // shortest round-trip form; exponent handled by toMicros
}

/** Integer sum that refuses to leave the exactly-representable range. */
export function sumMicros(values: Iterable<Micros>): Micros {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('Money sum out of safe integer range');
  return total;
}

/** "12.34", "0.000001", "-3.10": exact decimal string with 2 to 6 fraction digits. */
export function microsToDecimal(micros: Micros): string {
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const units = Math.floor(abs / MICROS_PER_UNIT);
  const frac = String(abs % MICROS_PER_UNIT).padStart(6, '0').replace(/0{1,4}$/, '');
  return `${negative ? '-' : ''}${units}.${frac}`;
}

/** Formats with Intl in the given locale, exact to the displayed digits (Intl takes the decimal string). */
export function formatMoney(
  micros: Micros,
  currency = 'usd',
  options: { locale?: string; precise?: boolean; compact?: boolean; wholeWithoutCents?: boolean } = {},
): string {
  const whole = Boolean(options.wholeWithoutCents && micros % MICROS_PER_UNIT === 0);
  const format = currencyFormat(options.locale, currency, whole, Boolean(options.precise), Boolean(options.compact));
  // Intl.NumberFormat accepts decimal strings and rounds them exactly (no float detour).
  return format.format(microsToDecimal(micros) as unknown as number);
}

// Building an Intl.NumberFormat is costly; charts format hundreds of values per render.
const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string | undefined, currency: string, whole: boolean, precise: boolean, compact: boolean): Intl.NumberFormat {
  const key = [locale, currency, whole, precise, compact].join('|');
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
      ...(precise ? { minimumFractionDigits: 2, maximumFractionDigits: 6 } : {}),
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/** Percentage of a budget used, one decimal, from integers. */
export function percentOf(part: Micros, whole: Micros): number {
  if (whole <= 0) return 0;
  return Math.round((part * 1000) / whole) / 10;
}

/** Parses a user-typed amount like "500", "500.25", "$1,200" into micros. */
export function parseUserAmount(text: string): Micros {
  return toMicros(text.replace(/[$,\s]/g, ''));
}
