/**
 * OpenAI's own spend controls (the hard spend limit and email spend alerts), as Spendwatch stores and
 * shows them. That API counts in integer cents ("USD", per month) while Costs uses dollars, so amounts
 * cross between the two only through these exact conversions.
 */
import { z } from 'zod';
import type { Micros } from './money';

export const MICROS_PER_CENT = 10_000;
/** Far above any real limit; bounds what a typo can send to OpenAI. */
export const MAX_SPEND_CONTROL_CENTS = 100_000_000_000; // $1,000,000,000

export class WholeCentsError extends Error {
  constructor(text: string) {
    super(`"${text}" is not an amount in whole cents: use dollars with at most two decimals, such as 750 or 750.25.`);
    this.name = 'WholeCentsError';
  }
}

/**
 * Parses a user-typed dollar amount ("750", "750.25", "$1,200.50") into integer cents, refusing
 * anything that is not exactly a whole number of cents (750.001 is refused, never rounded).
 */
export function parseWholeCents(text: string): number {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) throw new WholeCentsError(text);
  const fraction = match[2] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) throw new WholeCentsError(text);
  const cents = Number(match[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_SPEND_CONTROL_CENTS) throw new WholeCentsError(text);
  return cents;
}

/** Exact: a cent is 10,000 micros. */
export const centsToMicros = (cents: number): Micros => cents * MICROS_PER_CENT;

/** Micros → cents, only when exact (a budget of $500.004 cannot become an OpenAI limit). */
export function microsToWholeCents(micros: Micros): number {
  if (!Number.isSafeInteger(micros) || micros % MICROS_PER_CENT !== 0) throw new WholeCentsError(String(micros / 1e6));
  return micros / MICROS_PER_CENT;
}

/** "750.00": the decimal string Spendwatch's JSON uses for money. */
export function centsToDecimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export const spendScopeSchema = z.union([z.literal('account'), z.string().regex(/^project:[A-Za-z0-9_-]{1,100}$/)]);
/** "account", or "project:<id>": the same scope strings as alerts use. */
export type SpendScope = z.infer<typeof spendScopeSchema>;

export const spendLimitSchema = z.object({
  cents: z.number().int().positive(),
  enforcing: z.boolean(),
});
export type SpendLimit = z.infer<typeof spendLimitSchema>;

export const spendEmailAlertSchema = z.object({
  id: z.string(),
  cents: z.number().int().nonnegative(),
  recipients: z.array(z.string()),
});
export type SpendEmailAlert = z.infer<typeof spendEmailAlertSchema>;

/** What Spendwatch last learned about one scope's controls, and when. */
export const scopeControlsSchema = z.object({
  scope: spendScopeSchema,
  /** The project's name when the scope is a project. */
  name: z.string().nullable().default(null),
  /** null: OpenAI has no hard limit for this scope. */
  limit: spendLimitSchema.nullable(),
  limitCheckedAt: z.string().nullable(),
  /** null until the email alerts were listed once. */
  emailAlerts: z.array(spendEmailAlertSchema).nullable().default(null),
  emailAlertsCheckedAt: z.string().nullable().default(null),
});
export type ScopeControls = z.infer<typeof scopeControlsSchema>;

export const accountSpendControlsSchema = z.object({
  accountId: z.string(),
  scopes: z.array(scopeControlsSchema),
  /** The last check that failed (permissions, network): shown, never fatal to a cost sync. */
  warning: z.string().nullable(),
  /** The key was refused a change: what is missing, so the UI can say so before the user tries. */
  readOnly: z.boolean().default(false),
});
export type AccountSpendControls = z.infer<typeof accountSpendControlsSchema>;

const email = z.string().trim().email('Enter valid email addresses').max(254);
export const emailRecipientsSchema = z.array(email).min(1, 'Enter at least one email address').max(10, 'At most 10 recipients');

/** "OpenAI will reject API requests for Acme Prod once $750.00 is spent this month": the confirmation text. */
export function limitConsequence(name: string, formattedLimit: string): string {
  return `OpenAI will reject API requests for ${name} once ${formattedLimit} is spent this month.`;
}
