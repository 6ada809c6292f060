/**
 * OpenAI's own spend controls (the hard spend limit and email spend alerts), as Spendwatch stores and
 * shows them. That API counts in integer cents ("USD", per month) while Costs uses dollars, so amounts
 * cross between the two only through these exact conversions.
 */
import { z } from 'zod';
export * from './spend-control-amounts';
import { MAX_RECIPIENTS, MAX_SPEND_CONTROL_CENTS } from './spend-control-amounts';

const spendScopeSchema = z.union([z.literal('account'), z.string().regex(/^project:[A-Za-z0-9_-]{1,100}$/)]);
/** "account", or "project:<id>": the same scope strings as alerts use. */
export type SpendScope = z.infer<typeof spendScopeSchema>;

const spendLimitSchema = z.object({
  cents: z.number().int().positive(),
  enforcing: z.boolean(),
});
export type SpendLimit = z.infer<typeof spendLimitSchema>;

const spendEmailAlertSchema = z.object({
  id: z.string(),
  cents: z.number().int().nonnegative(),
  recipients: z.array(z.string()),
});
export type SpendEmailAlert = z.infer<typeof spendEmailAlertSchema>;

/** What Spendwatch last learned about one scope's controls, and when. */
const scopeControlsSchema = z.object({
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

const email = z.string().trim().email('Enter valid email addresses.').max(254);
export const emailRecipientsSchema = z.lazy(() =>
  z
    .array(email)
    .min(1, 'Enter at least one email address.')
    .max(MAX_RECIPIENTS, `Enter at most ${MAX_RECIPIENTS} recipients.`),
);

/** An amount sent to OpenAI's spend controls: whole cents, above zero, at most $100,000,000 (the IPC calls' rule). */
export const wholeCentsSchema = z.number().int('Use whole cents only.').positive().max(MAX_SPEND_CONTROL_CENTS);
