/**
 * Test oracle, independent of the app's money code: the exact decimal sum of amounts as they were written on
 * the wire (a JSON number's digits are its shortest round-trip text), rounded ONCE half-even to micros.
 * Each amount becomes (coefficient, scale) with its own exponent handling; the sum uses the largest scale.
 */
interface Decimal {
  coefficient: bigint;
  scale: number;
}

/** An amount as the fake server writes it: a number, a string, a number with exact digits, or absent (zero). */
export type WireAmount = number | string | { raw: string } | undefined;

function decimalOf(value: WireAmount): Decimal {
  if (value === undefined) return { coefficient: 0n, scale: 0 };
  const text = (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : value.raw).trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`oracle: not a decimal: ${text}`);
  const digits = `${match[2]}${match[3] ?? ''}`.replace(/^0+(?=\d)/, '') || '0';
  if (/^0+$/.test(digits)) return { coefficient: 0n, scale: 0 }; // "0E-6176" and friends
  let scale = (match[3] ?? '').length - Number(match[4] ?? 0);
  let coefficient = BigInt(digits);
  if (scale < 0) {
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { coefficient: match[1] === '-' ? -coefficient : coefficient, scale };
}

/** The exact sum of the amounts, rounded once half-even to micros. */
export function expectedSumMicros(values: Iterable<WireAmount>): bigint {
  const decimals = [...values].map(decimalOf);
  // A loop, not Math.max(...): a large organisation's year is more arguments than a call can take.
  let scale = 6;
  for (const d of decimals) if (d.scale > scale) scale = d.scale;
  let sum = 0n;
  for (const d of decimals) sum += d.coefficient * 10n ** BigInt(scale - d.scale);
  const unit = 10n ** BigInt(scale - 6);
  const negative = sum < 0n;
  const abs = negative ? -sum : sum;
  let micros = abs / unit;
  const rest = abs % unit;
  if (rest * 2n > unit || (rest * 2n === unit && micros % 2n === 1n)) micros += 1n;
  return negative ? -micros : micros;
}

export function expectedMicros(value: WireAmount): bigint {
  return expectedSumMicros([value]);
}

/** "12.345678" style decimal from micros, for comparing with the CLI's strings. */
export function microsText(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const units = abs / 1_000_000n;
  const frac = (abs % 1_000_000n)
    .toString()
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${negative ? '-' : ''}${units}.${frac}`;
}
