/**
 * Exact amounts for OpenAI's spend controls, which count in integer cents ("USD", per month) while Costs
 * uses dollars. Zod-free, so the dashboard can use it without pulling zod into its first bundle.
 */
import type { Micros } from './money';

const MICROS_PER_CENT = 10_000;
/** The same ceiling as every other amount Spendwatch accepts ($100M): bounds what a typo can send to OpenAI. */
export const MAX_SPEND_CONTROL_CENTS = 10_000_000_000; // $100,000,000

/** @internal Exported for tests. */
export class WholeCentsError extends Error {
  constructor(
    text: string,
    reason = 'is not an amount in whole cents: use dollars with at most two decimals, such as 750 or 750.25',
  ) {
    super(`"${text}" ${reason}.`);
    this.name = 'WholeCentsError';
  }
}

/**
 * Parses a user-typed dollar amount ("750", "750.25", "$1,200.50") into integer cents, refusing
 * anything that is not exactly a whole number of cents (750.001 is refused, never rounded).
 */
export function parseWholeCents(text: string): number {
  const cleaned = text
    .trim()
    .replace(/^\$/, '')
    .replace(/,(?=\d{3}(?:\D|$))/g, '');
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) throw new WholeCentsError(text);
  const fraction = match[2] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) throw new WholeCentsError(text);
  const cents = Number(match[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_SPEND_CONTROL_CENTS)
    throw new WholeCentsError(text, 'is more than $100,000,000, the most Spendwatch sends as a limit');
  return cents;
}

/** Exact: a cent is 10,000 micros. */
export const centsToMicros = (cents: number): Micros => cents * MICROS_PER_CENT;

/** "750.00": the decimal string Spendwatch's JSON uses for money. */
export function centsToDecimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** "OpenAI will reject API requests for Acme Prod once $750.00 is spent this month.": the confirmation text. */
export function limitConsequence(name: string, formattedLimit: string): string {
  return `OpenAI will reject API requests for ${name} once ${formattedLimit} is spent this month.`;
}

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/;
export const MAX_RECIPIENTS = 10;

/** "a@x.com, b@y.org" → the addresses, or null when any is not an address (or there are none or too many). */
export function parseRecipients(text: string): string[] | null {
  const list = text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (!list.length || list.length > MAX_RECIPIENTS || list.some((a) => a.length > 254 || !EMAIL.test(a))) return null;
  return list;
}
