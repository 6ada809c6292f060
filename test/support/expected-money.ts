/**
 * Test oracle: exact expected micros for a decimal, computed with BigInt at 1e-12 and rounded
 * half-even — independently of the app's own money code.
 */
export function expectedMicros(value: number | string): bigint {
  const text = typeof value === 'number' ? value.toPrecision(15).replace(/\.?0+$/, '') : value;
  const [intPart, frac = ''] = text.replace('-', '').split('.');
  const scaled = BigInt(intPart || '0') * 10n ** 12n + BigInt(frac.padEnd(12, '0').slice(0, 12));
  const unit = 10n ** 6n;
  let micros = scaled / unit;
  const rest = scaled % unit;
  if (rest * 2n > unit || (rest * 2n === unit && micros % 2n === 1n)) micros += 1n;
  return text.startsWith('-') ? -micros : micros;
}

/** "12.345678" style decimal from micros, for comparing with the CLI's strings. */
export function microsText(micros: bigint): string {
  const units = micros / 1_000_000n;
  const frac = (micros % 1_000_000n).toString().padStart(6, '0').replace(/0{1,4}$/, '');
  return `${units}.${frac}`;
}
