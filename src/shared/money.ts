/**
 * Exact money, pure TypeScript, shared by main, renderer and CLI.
 *
 * Two representations, each for one job:
 * - `ExactAmount` (bigint, units of 10^-48 of the currency unit) holds what a provider sent and every sum of it.
 *   OpenAI's amounts are decimal128 values (34 significant digits, seen as strings with ~40 fraction digits):
 *   48 fraction digits keep every such amount of a billionth of a dollar or more digit for digit, so sums are
 *   exact. Digits finer than 10^-48 (never seen) are rounded half-even on input.
 * - `Micros` (integer micro-units as a JS number) is a figure that is shown, exported, compared with a budget or
 *   forecast: an exact sum rounded ONCE, half-even, at the sixth decimal. Never sum rounded figures to get a
 *   total that is shown; sum the exact amounts and round the result.
 */
import { cachedNumberFormat } from './number-format';

export type Micros = number;
export type ExactAmount = bigint;

/** OpenAI and Anthropic bill in US dollars: every figure Spendwatch sums, shows and compares is in this currency
 * (rows in any other currency are summed apart and never added to these totals). */
export const ACCOUNT_CURRENCY = 'usd';

export const MICROS_PER_UNIT = 1_000_000;
const EXACT_DIGITS = 48;
const MICROS_DIGITS = 6;
const EXACT_PER_MICRO = 10n ** BigInt(EXACT_DIGITS - MICROS_DIGITS);
export const EXACT_PER_UNIT = 10n ** BigInt(EXACT_DIGITS);
/** Digits before the point that the parser will even compute with (guards against "1e999999" before any BigInt). */
const MAX_INTEGER_DIGITS = 12;
/**
 * The largest amount one provider row may carry: a billion currency units (no real line item of one UTC day comes
 * near it). A larger one is an unusable row, reported by name, so a lying server cannot push figures past what
 * Micros holds exactly.
 */
const MAX_ROW_AMOUNT = 10n ** BigInt(9 + EXACT_DIGITS);
/**
 * The largest figure Micros holds exactly (about 9 billion units): sums beyond it are shown at this bound.
 * @internal
 */
export const MAX_FIGURE_MICROS = Number.MAX_SAFE_INTEGER;
/** The longest amount text accepted (a decimal128 string is at most ~45 characters). */
const MAX_AMOUNT_TEXT = 400;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Thrown when a text or number is not an amount Spendwatch can represent. */
export class MoneyFormatError extends Error {
  constructor(value: unknown, reason = 'not a decimal amount') {
    super(
      `Not a valid money amount (${reason}): ${JSON.stringify(typeof value === 'string' ? value.slice(0, 80) : value)}`,
    );
    this.name = 'MoneyFormatError';
  }
}

/** Powers of ten as BigInt, built once each: every stored amount is scaled by one when a month file is read. */
const POWERS_OF_TEN: bigint[] = [];
const pow10 = (n: number): bigint => (POWERS_OF_TEN[n] ??= 10n ** BigInt(n));

/**
 * A decimal (number or string; plain, with a fraction, or in exponent notation such as "4.5E-7" or the
 * decimal128 zero "0E-6176") as an integer count of 10^-digits units, rounded half-even. Works on the digit
 * string, so no precision is lost on the way.
 */
function scaleDecimal(value: number | string, digits: number): bigint {
  const text = typeof value === 'number' ? numberToText(value) : value.trim();
  if (text.length > MAX_AMOUNT_TEXT) throw new MoneyFormatError(value, 'too long');
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new MoneyFormatError(value);
  const negative = match[1] === '-';
  const fraction = match[3] ?? '';
  const significant = (match[2] + fraction).replace(/^0+/, '');
  if (significant === '') return 0n; // zero in any spelling, whatever its exponent
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  if (!Number.isSafeInteger(exponent)) throw new MoneyFormatError(value, 'exponent out of range');
  // value = significant × 10^(exponent − fraction.length); scaled = significant × 10^shift
  const pointShift = exponent - fraction.length;
  if (significant.length + pointShift > MAX_INTEGER_DIGITS) throw new MoneyFormatError(value, 'amount out of range');
  const shift = pointShift + digits;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = BigInt(significant) * pow10(shift);
  } else if (-shift > significant.length) {
    scaled = 0n; // below a tenth of the smallest unit: rounds to zero
  } else {
    const cut = significant.length + shift;
    scaled = roundHalfEven(BigInt(significant.slice(0, cut) || '0'), significant.slice(cut));
  }
  return negative ? -scaled : scaled;
}

/** Rounds `kept` (a non-negative integer) by the decimal digits that follow it, half to even. */
function roundHalfEven(kept: bigint, rest: string): bigint {
  if (!/[1-9]/.test(rest)) return kept;
  const first = rest.charCodeAt(0) - 48;
  const exactlyHalf = first === 5 && !/[1-9]/.test(rest.slice(1));
  return first > 5 || (first === 5 && !exactlyHalf) || (exactlyHalf && kept % 2n === 1n) ? kept + 1n : kept;
}

function numberToText(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyFormatError(value, 'not finite');
  return String(value); // shortest round-trip form; an exponent is handled by scaleDecimal
}

/** An amount as a provider sent it (number or string), exactly. */
export function parseExact(value: number | string): ExactAmount {
  return withinRowBound(value, scaleDecimal(value, EXACT_DIGITS));
}

function withinRowBound(value: number | string, amount: ExactAmount): ExactAmount {
  if (amount >= MAX_ROW_AMOUNT || -amount >= MAX_ROW_AMOUNT)
    throw new MoneyFormatError(value, 'a billion or more in one row');
  return amount;
}

/**
 * An amount given in the currency's hundredth (Anthropic's cost report: a decimal string of CENTS, "123.45" =
 * $1.2345), exactly: the decimal point moves two places on the digit string, nothing is divided.
 */
export function parseExactCents(value: number | string): ExactAmount {
  return withinRowBound(value, scaleDecimal(value, EXACT_DIGITS - 2));
}

/** Converts a decimal amount in currency units (number or string) to integer micros, rounding half-even once. */
export function toMicros(value: number | string): Micros {
  const micros = Number(scaleDecimal(value, MICROS_DIGITS));
  if (!Number.isSafeInteger(micros)) throw new MoneyFormatError(value, 'amount out of range');
  return micros === 0 ? 0 : micros; // no negative zero
}

const MAX_FIGURE_MICROS_BIG = BigInt(MAX_FIGURE_MICROS);

/** The one rounding from an exact amount (or sum) to a figure: half-even at the micro-unit. */
export function exactToMicros(exact: ExactAmount): Micros {
  const negative = exact < 0n;
  const abs = negative ? -exact : exact;
  let micros = abs / EXACT_PER_MICRO;
  const rest = abs % EXACT_PER_MICRO;
  const twice = rest * 2n;
  if (twice > EXACT_PER_MICRO || (twice === EXACT_PER_MICRO && micros % 2n === 1n)) micros += 1n;
  // Saturate rather than throw: a hostile server must never make a view, the tray or an alert fail for good.
  // Rows are bounded (MAX_ROW_AMOUNT), so only absurd sums of many of them ever reach this.
  const bounded = micros > MAX_FIGURE_MICROS_BIG ? MAX_FIGURE_MICROS_BIG : micros;
  const result = Number(negative ? -bounded : bounded);
  return result === 0 ? 0 : result;
}

export function microsToExact(micros: Micros): ExactAmount {
  return BigInt(micros) * EXACT_PER_MICRO;
}

/**
 * The exact decimal text of an amount, every digit kept, trailing zeros dropped down to `minFractionDigits`:
 * "0.0000342", "12", "-3.5" (or "12.00", "-3.50" with 2).
 */
export function exactToDecimal(exact: ExactAmount, minFractionDigits = 0): string {
  const negative = exact < 0n;
  const abs = negative ? -exact : exact;
  const units = abs / EXACT_PER_UNIT;
  const digits = (abs % EXACT_PER_UNIT).toString().padStart(EXACT_DIGITS, '0');
  const fraction = digits.replace(/0+$/, '');
  return withFractionDigits(`${negative ? '-' : ''}${units}${fraction ? `.${fraction}` : ''}`, minFractionDigits);
}

/** A decimal text as exactToDecimal writes it, with at least `min` fraction digits (zeros added, nothing rounded). */
export function withFractionDigits(decimal: string, min: number): string {
  const point = decimal.indexOf('.');
  const have = point < 0 ? 0 : decimal.length - point - 1;
  return have >= min ? decimal : `${decimal}${point < 0 ? '.' : ''}${'0'.repeat(min - have)}`;
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
  const frac = String(abs % MICROS_PER_UNIT)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${negative ? '-' : ''}${units}.${frac}`;
}

/** Formats with Intl in the given locale, exact to the displayed digits (Intl takes the decimal string). */
export function formatMoney(
  micros: Micros,
  currency: string = ACCOUNT_CURRENCY,
  options: { locale?: string; precise?: boolean; compact?: boolean; wholeWithoutCents?: boolean } = {},
): string {
  const whole = Boolean(options.wholeWithoutCents && micros % MICROS_PER_UNIT === 0);
  const format = currencyFormat(options.locale, currency, whole, Boolean(options.precise), Boolean(options.compact));
  // Intl.NumberFormat accepts decimal strings and rounds them exactly (no float detour).
  return format.format(microsToDecimal(micros) as unknown as number);
}

function currencyFormat(
  locale: string | undefined,
  currency: string,
  whole: boolean,
  precise: boolean,
  compact: boolean,
): Intl.NumberFormat {
  return cachedNumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    ...(precise ? { minimumFractionDigits: 2, maximumFractionDigits: 6 } : {}),
    ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
  });
}

/** Percentage of a budget used, one decimal, from integers. */
export function percentOf(part: Micros, whole: Micros): number {
  if (whole <= 0) return 0;
  return Math.round((part * 1000) / whole) / 10;
}

/** Parses a user-typed amount like "500", "500.25", "$1,200" into micros. */
export function parseUserAmount(text: string): Micros {
  // "$1,234.56", "1234.56", "500": thousands separators only where they group thousands, no exponent, at most
  // 6 decimals. "12,34" (a decimal comma), "1,2,3", "5 0" and "1e3" are refused rather than guessed at.
  const trimmed = text.trim().replace(/^\$\s*/, '');
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,6})?$/.test(trimmed))
    throw new MoneyFormatError(text, 'not an amount such as 1,250.50');
  return toMicros(trimmed.replace(/,/g, ''));
}
