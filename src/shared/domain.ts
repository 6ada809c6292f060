/**
 * Domain shapes that cross the process boundary, as zod schemas (the single source of their types).
 */
import { z } from 'zod';
import { secureUrlProblem } from './secure-url';
import { PROVIDER_IDS } from './providers';
import { isUtcDay } from './dates';
import { ALERT_KIND_IDS, type AlertKind } from './alert-kinds';

export const microsSchema = z.number().int().refine(Number.isSafeInteger, 'The amount is out of range.');

/**
 * The largest amount a user may enter: $100,000,000. Bounded so that sums of the bounded lists below
 * (50 accounts, 1000 credits) stay exact integers, far from Number.MAX_SAFE_INTEGER.
 */
export const MAX_AMOUNT_MICROS = 100_000_000 * 1_000_000;
export const amountInputSchema = microsSchema.refine(
  (m) => Math.abs(m) <= MAX_AMOUNT_MICROS,
  'Enter at most $100,000,000.',
);

/** As stored (lenient, so an old file with an odd date is not "damaged"): the shape only. */
export const storedDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a UTC day, YYYY-MM-DD.');

/** Real calendar days in a sane range: 2026-02-31 and year 99999 are refused. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';
export const utcDaySchema = z
  .string()
  .max(10, 'Expected a UTC day, YYYY-MM-DD.')
  .refine((day) => isUtcDay(day), 'Expected a real calendar day, YYYY-MM-DD.')
  .refine((day) => day >= FIRST_DAY && day <= LAST_DAY, `Expected a day between ${FIRST_DAY} and ${LAST_DAY}.`);
export const utcMonthSchema = z.string().regex(/^\d{4}-\d{2}$/, 'Expected a UTC month, YYYY-MM.');

export const providerIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof providerIdSchema>;

const errorCodeSchema = z.enum([
  'invalid_key',
  'wrong_key_type',
  'missing_scope',
  'rate_limited',
  'insufficient_quota',
  'server_error',
  'offline',
  'timeout',
  'malformed_response',
  'bad_request',
  'keychain_unavailable',
  'not_found',
  'conflict',
  'invalid_input',
  'forbidden',
  'permission_denied',
  'disk_full',
  'read_only',
  'busy',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  /** In words, with what to do about it. */
  message: z.string(),
  /** The technical detail (host, system error code), for a disclosure and for support. */
  detail: z.string().max(500).optional(),
});
export type AppErrorInfo = z.infer<typeof appErrorSchema>;

/** Control and escape characters (C0, DEL, C1, bidi overrides): never part of a name we store or print. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const accountNameSchema = z
  .string()
  .max(1000, 'Use at most 60 characters.')
  .trim()
  .min(1, 'Enter a name.')
  .max(60, 'Use at most 60 characters.')
  .refine((name) => !CONTROL_CHARACTERS.test(name), 'Use letters, digits, spaces and punctuation only.');

/**
 * API base URLs: https, or plain http only to this machine (loopback test servers). A key sent over
 * plain http to anywhere else could be read on the way.
 */
export function baseUrlProblem(value: string): string | null {
  return secureUrlProblem(value, 'https://api.openai.com/v1');
}

export const baseUrlSchema = z
  .string()
  .trim()
  .max(2000, 'Use a shorter URL.')
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const DEFAULT_THRESHOLDS = [50, 80, 100];

/**
 * Project budgets per account: enough for any real organisation, never 200,000.
 * @internal
 */
export const MAX_PROJECT_BUDGETS = 500;

/** A budget as stored and shown. What a user may set is budgetInputSchema (bounded). */
export const budgetSchema = z.object({
  monthlyMicros: microsSchema.positive('The monthly budget must be more than zero.'),
  thresholds: z
    .array(z.number().int().min(1).max(1000))
    .min(1)
    .max(10)
    .transform((list) => [...new Set(list)].sort((a, b) => a - b)),
  /** Optional daily budget (UTC day). */
  dailyMicros: microsSchema.positive().nullable().default(null),
  /** Optional monthly budgets per project id. */
  projects: z.record(z.string(), microsSchema.positive()).default({}),
});

/** What may be set (IPC, CLI): amounts up to $100M, at most 500 project budgets with short ids. Built on first use. */
export const budgetInputSchema = z.lazy(() =>
  budgetSchema.superRefine((budget, ctx) => {
    const tooMuch = (micros: number | null) => micros !== null && micros > MAX_AMOUNT_MICROS;
    if (tooMuch(budget.monthlyMicros))
      ctx.addIssue({ code: 'custom', path: ['monthlyMicros'], message: 'Enter at most $100,000,000.' });
    if (tooMuch(budget.dailyMicros))
      ctx.addIssue({ code: 'custom', path: ['dailyMicros'], message: 'Enter at most $100,000,000.' });
    const projects = Object.entries(budget.projects);
    if (projects.length > MAX_PROJECT_BUDGETS)
      ctx.addIssue({
        code: 'custom',
        path: ['projects'],
        message: `Set at most ${MAX_PROJECT_BUDGETS} project budgets per account.`,
      });
    for (const [id, micros] of projects.slice(0, MAX_PROJECT_BUDGETS + 1)) {
      if (id.length === 0 || id.length > 200)
        ctx.addIssue({ code: 'custom', path: ['projects'], message: 'A project id has 1 to 200 characters.' });
      if (tooMuch(micros))
        ctx.addIssue({ code: 'custom', path: ['projects', id.slice(0, 200)], message: 'Enter at most $100,000,000.' });
    }
  }),
);
export type Budget = z.output<typeof budgetSchema>;
export type BudgetInput = z.input<typeof budgetSchema>;

/** The kinds are the keys of ALERT_KINDS (alert-kinds.ts): a new kind is one entry there. */
export const alertKindSchema = z.enum(ALERT_KIND_IDS);
export type { AlertKind };

export const alertSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: alertKindSchema,
  accountId: z.string(),
  accountName: z.string(),
  /** "account" or "project:<id>". */
  scope: z.string(),
  threshold: z.number().nullable(),
  /** The UTC month the alert belongs to (YYYY-MM). */
  period: utcMonthSchema,
  /** The UTC day, for day-based kinds (daily budget, spike). */
  day: utcDaySchema.nullable(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  message: z.string(),
  estimate: z.boolean(),
  raisedAt: z.string(),
  /** Recorded but not shown as a notification (snoozed or quiet hours). */
  silenced: z.boolean(),
  read: z.boolean(),
});
export type Alert = z.infer<typeof alertSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, such as 22:00.');
export const alertPreferenceSchema = z.object({
  snoozedUntil: z
    .string()
    .max(40)
    .refine((t) => Number.isFinite(Date.parse(t)), 'Expected a date and time.')
    .nullable()
    .default(null),
  quietHours: z.object({ start: hhmm, end: hhmm }).nullable().default(null),
});
export type AlertPreference = z.infer<typeof alertPreferenceSchema>;

export const accountInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerIdSchema,
  baseUrl: z.string(),
  keyHint: z.string(),
  createdAt: z.string(),
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

/** The dashboard's accountId for every account at once. */
export { ALL_ACCOUNTS } from './constants';

// The dashboard's view (what the IPC contract sends the renderer) lives in dashboard-view.ts; its types are
// re-exported here type-only, so importing the domain never builds those schemas (the CLI has no use for them).
export type {
  AccountSummary,
  DashboardRange,
  GroupBy,
  DashboardQuery,
  NamedAmount,
  ComparedAmount,
  DailySeries,
  DashboardView,
  SyncReport,
  TrayState,
  SyncProgress,
} from './dashboard-view';
