/**
 * Invoices, reconciliation and support cases: the shapes that cross the process boundary and are
 * stored in billing.json, as zod schemas. OpenAI has no invoice API, so every invoice is typed in by the
 * user and validated (and bounded) here, once, for the app, the CLI and the store alike.
 */
import { z } from 'zod';
// Schemas here are built on first use (z.lazy): building zod schemas is a measurable part of every CLI command's
// start-up, and most commands never read an invoice (see "CLI start-up" in docs/contributing/performance.md).
import { utcDaySchema, utcMonthSchema } from './domain';
import { isUtcDay } from './dates';
import { moneyText } from './money-text';

export { CASE_STATE_LABELS, RECONCILIATION_STATUS_LABELS } from './billing-labels';

/** Nobody's monthly OpenAI invoice is near $100M; the bound keeps sums far inside safe integers. */
const MAX_INVOICE_MICROS = 100_000_000 * 1_000_000;
/** Reconciled within a cent: |difference| ≤ $0.01 is "matched" (invoices are in cents, costs in micro-dollars). */
export const MATCH_TOLERANCE_MICROS = 10_000;
/**
 * Costs settle late: the sync refetches today and the last 3 UTC days on every poll, because OpenAI still
 * revises a day's costs for about that long. A period's costs are final once its last day is that old.
 */
export const SETTLE_DAYS = 3;

const amountSchema = z.lazy(() =>
  z
    .number()
    .int()
    .refine(Number.isSafeInteger, 'The amount is out of range.')
    .min(0, 'Amounts cannot be negative.')
    .max(MAX_INVOICE_MICROS, 'The amount is too large.'),
);
const daySchema = z.lazy(() => utcDaySchema.refine(isUtcDay, 'Enter a calendar date.'));
const monthSchema = z.lazy(() =>
  utcMonthSchema.refine((m) => Number(m.slice(5, 7)) >= 1 && Number(m.slice(5, 7)) <= 12, 'Enter a calendar month.'),
);
/** Printable text only: these end up in Markdown reports and terminals. */
const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    // Controls, C1 controls and bidi overrides (which make text display as something else) are refused.
    .refine(
      // eslint-disable-next-line no-control-regex
      (t) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(t),
      'Remove control characters.',
    );

const invoiceStatusSchema = z.lazy(() => z.enum(['paid', 'failed', 'refunded']));

export const invoiceInputSchema = z.lazy(() =>
  z
    .object({
      accountId: z.string().min(1).max(100),
      /** The month the billing period starts in (YYYY-MM). */
      month: monthSchema,
      number: textSchema(64).nullable().default(null),
      date: daySchema.nullable().default(null),
      /** The day of the month the billing period starts on; 1 is the UTC calendar month. */
      periodStartDay: z.number().int().min(1, 'Use a day from 1 to 28.').max(28, 'Use a day from 1 to 28.').default(1),
      /** Before tax and credits; derived from the others when not typed in. */
      subtotalMicros: amountSchema.nullable().default(null),
      taxMicros: amountSchema.default(0),
      creditsMicros: amountSchema.default(0),
      totalMicros: amountSchema,
      status: invoiceStatusSchema.default('paid'),
    })
    // All four given: they must add up (within a cent); the message says by how much, so the typo is found.
    .superRefine((i, ctx) => {
      if (i.subtotalMicros === null) return;
      const worked = i.subtotalMicros + i.taxMicros - i.creditsMicros;
      const gap = worked - i.totalMicros;
      if (Math.abs(gap) <= MATCH_TOLERANCE_MICROS) return;
      ctx.addIssue({
        code: 'custom',
        path: ['totalMicros'],
        message:
          `Subtotal + tax − credits is ${moneyText(worked)}, ${moneyText(Math.abs(gap))} ` +
          `${gap > 0 ? 'more' : 'less'} than the total of ${moneyText(i.totalMicros)}. ` +
          'Correct the one that is wrong.',
      });
    })
    // Without a typed subtotal it is total − tax + credits: that must not be negative (tax larger than the total).
    .refine((i) => i.subtotalMicros !== null || i.totalMicros - i.taxMicros + i.creditsMicros >= 0, {
      message: 'The tax is more than the total plus credits: the subtotal would be negative.',
      path: ['taxMicros'],
    })
    // An invoice is issued for a period that has begun: a date before the period's month is a typo.
    .refine((i) => i.date === null || i.date.slice(0, 7) >= i.month, {
      message: "The invoice date is before the invoice's month.",
      path: ['date'],
    }),
);
export type InvoiceInput = z.input<typeof invoiceInputSchema>;

export const invoiceSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    month: utcMonthSchema,
    number: z.string().nullable(),
    date: utcDaySchema.nullable(),
    periodStartDay: z.number().int().min(1).max(28),
    subtotalMicros: z.number().int().nullable(),
    taxMicros: z.number().int(),
    creditsMicros: z.number().int(),
    totalMicros: z.number().int(),
    status: invoiceStatusSchema,
    recordedAt: z.string(),
    /** Costs over the period when the invoice was recorded, to show what settled later. */
    costsAtRecordMicros: z.number().int(),
  }),
);
export type Invoice = z.infer<typeof invoiceSchema>;

const contactChannelSchema = z.lazy(() => z.enum(['email', 'chat', 'help-center', 'phone', 'other']));
export const caseStateSchema = z.lazy(() => z.enum(['open', 'resolved-refund', 'resolved-no-change']));
export type CaseState = z.infer<typeof caseStateSchema>;

export const caseContactInputSchema = z.lazy(() =>
  z.object({
    accountId: z.string().min(1).max(100),
    month: monthSchema,
    date: daySchema,
    channel: contactChannelSchema,
    reference: textSchema(100).default(''),
    note: textSchema(2000).default(''),
    outcome: textSchema(500).default(''),
  }),
);
export type CaseContactInput = z.input<typeof caseContactInputSchema>;

export const caseContactSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    date: utcDaySchema,
    channel: contactChannelSchema,
    reference: z.string(),
    note: z.string(),
    outcome: z.string(),
  }),
);
export type CaseContact = z.infer<typeof caseContactSchema>;

const MAX_CONTACTS_PER_CASE = 200;

export const supportCaseSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    month: utcMonthSchema,
    state: caseStateSchema,
    contacts: z.array(caseContactSchema).max(MAX_CONTACTS_PER_CASE),
  }),
);
export type SupportCase = z.infer<typeof supportCaseSchema>;

const reconciliationStatusSchema = z.lazy(() => z.enum(['matched', 'discrepancy', 'no-invoice', 'not-final']));
export type ReconciliationStatus = z.infer<typeof reconciliationStatusSchema>;

const explanationKindSchema = z.lazy(() =>
  z.enum([
    'tax',
    'credits',
    'late-settling',
    'billing-period',
    'refund',
    'payment-failed',
    'missing-days',
    'other-account',
    'not-final',
    'no-invoice',
    'unexplained',
  ]),
);

const explanationSchema = z.lazy(() =>
  z.object({ kind: explanationKindSchema, amountMicros: z.number().int().nullable(), message: z.string() }),
);
export type Explanation = z.infer<typeof explanationSchema>;

const namedMicros = z.object({ key: z.string(), name: z.string(), micros: z.number().int() });

export const reconciliationSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    accountName: z.string(),
    month: utcMonthSchema,
    status: reconciliationStatusSchema,
    period: z.object({ from: utcDaySchema, to: utcDaySchema }),
    /** The first UTC day on which this period's costs count as final. */
    finalFrom: utcDaySchema,
    invoice: invoiceSchema.nullable(),
    costsMicros: z.number().int(),
    expectedMicros: z.number().int(),
    differenceMicros: z.number().int(),
    explanations: z.array(explanationSchema),
  }),
);
export type Reconciliation = z.infer<typeof reconciliationSchema>;

export const reconciliationDetailSchema = z.lazy(() =>
  z.object({
    reconciliation: reconciliationSchema,
    /** Every day of the period; null where local history has no data for it. */
    byDay: z.array(z.object({ day: utcDaySchema, micros: z.number().int().nullable() })),
    byProject: z.array(namedMicros),
    byLineItem: z.array(namedMicros),
    supportCase: supportCaseSchema.nullable(),
  }),
);
export type ReconciliationDetail = z.infer<typeof reconciliationDetailSchema>;

export const billingMonthStatusSchema = z.lazy(() =>
  z.object({
    month: utcMonthSchema,
    status: reconciliationStatusSchema,
    differenceMicros: z.number().int(),
    caseState: caseStateSchema.nullable(),
    /** The first UTC day on which the month's costs count as final (what a "Not final" month waits for). */
    finalFrom: utcDaySchema,
  }),
);
export type BillingMonthStatus = z.infer<typeof billingMonthStatusSchema>;
