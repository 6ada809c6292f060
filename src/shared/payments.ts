/**
 * Payment records (the user's own; OpenAI has no API for them), credits and payment events, as zod
 * schemas shared by the settings form and main's IPC validation. A card is recorded by brand, last four and
 * expiry: all that expiry reminders need. The full number, the name on the card and the street address are an
 * opt-in accepted only on their way to the keychain; the stored and displayed shape never has them. No field
 * for the security code (CVV) exists anywhere.
 */
import { z } from 'zod';
import {
  BRAND_NAMES,
  CARD_BRANDS,
  cardNumberProblem,
  daysUntilExpiry,
  detectBrand,
  digitsOnly,
  lastFour,
} from './cards';
import { amountInputSchema, microsSchema, storedDaySchema, utcDaySchema } from './domain';

const text = (max: number) => z.string().trim().max(max);
const required = (label: string, max = 100) => text(max).min(1, `Enter the ${label}.`);

/** The street address kept in the keychain with the full number; the country stays in the record. */
const billingAddressSchema = z.object({
  line1: required('first address line', 120),
  line2: text(120).default(''),
  city: text(80).default(''),
  postalCode: required('postal code', 20),
});

/**
 * The opt-in: what goes only to the keychain. On an edit each part left out keeps what the keychain holds;
 * the number is required the first time (the service checks, as only it knows what is stored).
 */
const keychainDetailsInputSchema = z.object({
  cardNumber: z
    .string()
    .max(40)
    .optional()
    .superRefine((value, ctx) => {
      const problem = value === undefined ? null : cardNumberProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  cardholderName: text(100).optional(),
  billingAddress: billingAddressSchema.optional(),
});

const common = {
  label: text(60).default(''),
  role: z.enum(['primary', 'backup']).default('backup'),
  accountIds: z.array(z.string().max(100)).max(50).default([]),
};

const paymentTypeSchema = z.enum(['card', 'paypal', 'apple-pay', 'google-pay', 'bank-transfer']);
export type PaymentType = z.infer<typeof paymentTypeSchema>;

export const PAYMENT_TYPE_NAMES: Record<PaymentType, string> = {
  card: 'Card',
  paypal: 'PayPal',
  'apple-pay': 'Apple Pay',
  'google-pay': 'Google Pay',
  'bank-transfer': 'Bank transfer / invoice',
};

const expiry = {
  expMonth: z.coerce.number().int().min(1, 'Choose the expiry month.').max(12, 'Choose the expiry month.'),
  expYear: z.coerce.number().int().min(2000, 'Choose the expiry year.').max(2100, 'Choose the expiry year.'),
};

/**
 * What the form sends: a card number only when adding a card or replacing its number. This is the shape
 * only; whether an expiry date is in the past depends on today, so paymentMethodInputSchemaFor(today)
 * adds that check with a day passed in (never this machine's clock read here). Input schemas are built on first
 * use (z.lazy): only a change needs them, and building schemas is part of every CLI command's start-up.
 */
export const paymentMethodInputSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('card'),
      ...common,
      brand: z.enum(CARD_BRANDS, 'Choose the card brand.'),
      last4: z
        .string()
        .trim()
        .regex(/^\d{4}$/, 'Enter the last four digits of the card number.'),
      ...expiry,
      billingCountry: text(60).default(''),
      /** Null (the default): nothing of this card in the keychain; an edit that sets it back to null removes it. */
      keychain: keychainDetailsInputSchema.nullable().default(null),
    }),
    z.object({
      type: z.literal('paypal'),
      ...common,
      email: z.string().max(254).trim().email('Enter the PayPal account email.'),
    }),
    z.object({ type: z.literal('apple-pay'), ...common, note: text(200).default('') }),
    z.object({ type: z.literal('google-pay'), ...common, note: text(200).default('') }),
    z.object({ type: z.literal('bank-transfer'), ...common, reference: text(200).default('') }),
  ]),
);

/** The input schema with the expiry checks for `localToday` (YYYY-MM-DD in the user's time zone). */
export function paymentMethodInputSchemaFor(localToday: string) {
  const currentYear = Number(localToday.slice(0, 4));
  return paymentMethodInputSchema.superRefine((value, ctx) => {
    if (value.type !== 'card') return;
    numberAgreement(value.keychain?.cardNumber, value.brand, value.last4, ctx);
    if (value.expYear < currentYear - 1 || value.expYear > currentYear + 25)
      ctx.addIssue({ code: 'custom', path: ['expYear'], message: 'Choose the expiry year printed on the card.' });
    else if (daysUntilExpiry(value.expMonth, value.expYear, localToday) < 0)
      ctx.addIssue({
        code: 'custom',
        path: ['expMonth'],
        message: 'This expiry date is in the past: the card has expired.',
      });
  });
}

/**
 * A full number given with the opt-in decides the brand and last four: a record that says "Visa 4242" while the
 * keychain holds a Mastercard ending 4444 would send the user to update the wrong card.
 */
function numberAgreement(number: string | undefined, brand: string, last4: string, ctx: z.RefinementCtx): void {
  if (number === undefined || cardNumberProblem(number) !== null) return;
  const digits = digitsOnly(number);
  const numberBrand = detectBrand(digits);
  // As the form's brand list names it ("Other" rather than the generic "Card").
  const name = numberBrand === 'other' ? 'Other' : BRAND_NAMES[numberBrand];
  if (numberBrand !== brand)
    ctx.addIssue({ code: 'custom', path: ['brand'], message: `The number says ${name}: choose ${name} as the brand.` });
  if (lastFour(digits) !== last4)
    ctx.addIssue({
      code: 'custom',
      path: ['last4'],
      message: `The card number ends in ${lastFour(digits)}: the last four digits must match it.`,
    });
}

/** What is stored in settings and shown: never the full number, the name on the card or the street address. */
export const paymentMethodSchema = z.object({
  id: z.string(),
  type: paymentTypeSchema,
  label: z.string(),
  role: z.enum(['primary', 'backup']),
  accountIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  card: z
    .object({
      brand: z.enum(CARD_BRANDS),
      last4: z.string().regex(/^\d{4}$/),
      expMonth: z.number().int(),
      expYear: z.number().int(),
      billingCountry: z.string().max(60).default(''),
      /** The user opted in: the full number (`card:<id>`) and the address (`card-address:<id>`) are in the keychain. */
      inKeychain: z.boolean().default(false),
    })
    .nullable(),
  email: z.string().nullable(),
  note: z.string(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const creditEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['purchase', 'grant']),
  amountMicros: microsSchema.positive(),
  date: storedDaySchema,
  /** Prepaid credit expires a year after purchase unless stated otherwise. */
  expiresOn: storedDaySchema,
  note: z.string().default(''),
});

export const creditEntryInputSchema = z.lazy(() =>
  z.object({
    accountId: z.string().min(1).max(100),
    kind: z.enum(['purchase', 'grant']),
    amountMicros: amountInputSchema.refine((m) => m > 0, 'Enter an amount above zero.'),
    date: utcDaySchema,
    expiresOn: utcDaySchema.optional(),
    note: text(200).default(''),
  }),
);

export const accountCreditsSchema = z.object({
  entries: z.array(creditEntrySchema).default([]),
  /** The balance shown on OpenAI's billing page, and the day it was read. */
  recordedBalance: z.object({ amountMicros: microsSchema, asOf: storedDaySchema }).nullable().default(null),
  autoRecharge: z
    .object({ thresholdMicros: microsSchema.nonnegative(), amountMicros: microsSchema.positive() })
    .nullable()
    .default(null),
});
export type AccountCredits = z.infer<typeof accountCreditsSchema>;

export const paymentEventSchema = z.object({
  id: z.string(),
  date: storedDaySchema,
  amountMicros: microsSchema.nonnegative(),
  result: z.enum(['succeeded', 'failed', 'pending', 'refunded']),
  methodId: z.string().nullable(),
  note: z.string(),
});
export type PaymentEvent = z.infer<typeof paymentEventSchema>;

export const paymentEventInputSchema = z.lazy(() =>
  paymentEventSchema.omit({ id: true }).extend({
    date: utcDaySchema,
    amountMicros: amountInputSchema.refine((m) => m >= 0, 'Enter zero or more.'),
    note: text(300).default(''),
    methodId: z.string().max(100).nullable().default(null),
  }),
);

/** A balance read from OpenAI's billing page (may be negative when overdrawn), on a real day. */
export const recordedBalanceInputSchema = z.lazy(() =>
  z.object({ amountMicros: amountInputSchema, asOf: utcDaySchema }),
);
export const autoRechargeInputSchema = z.lazy(() =>
  z.object({
    thresholdMicros: amountInputSchema.refine((m) => m >= 0, 'Enter zero or more.'),
    amountMicros: amountInputSchema.refine((m) => m > 0, 'Enter an amount above zero.'),
  }),
);

/** How many records of each kind Settings keeps: bounded, so config.json stays small. */
export const PAYMENT_LIMITS = { methods: 50, creditEntries: 1000, events: 500 } as const;

export const DEFAULT_EXPIRY_ALERT_DAYS = [60, 30, 7, 1];
