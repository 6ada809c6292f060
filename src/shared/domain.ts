/**
 * Domain shapes that cross the process boundary, as zod schemas (the single source of their types).
 */
import { z } from 'zod';

export const microsSchema = z.number().int().refine(Number.isSafeInteger, 'amount out of range');
export const utcDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a UTC day YYYY-MM-DD');
export const utcMonthSchema = z.string().regex(/^\d{4}-\d{2}$/, 'expected a UTC month YYYY-MM');

export const providerIdSchema = z.enum(['openai']);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const errorCodeSchema = z.enum([
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
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type AppErrorInfo = z.infer<typeof appErrorSchema>;

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(60, 'Use at most 60 characters');

export const baseUrlSchema = z
  .string()
  .trim()
  .url('Enter a full URL such as https://api.openai.com/v1')
  .refine((u) => /^https?:\/\//.test(u), 'Use an http(s) URL');

export const DEFAULT_THRESHOLDS = [50, 80, 100];

export const budgetSchema = z.object({
  monthlyMicros: microsSchema.positive('The monthly budget must be more than zero'),
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
export type Budget = z.output<typeof budgetSchema>;
export type BudgetInput = z.input<typeof budgetSchema>;

export const alertKindSchema = z.enum(['budget-threshold', 'forecast-over-budget', 'daily-budget', 'spike', 'sync-failing', 'card-expiry', 'low-balance', 'credit-expiring']);
export type AlertKind = z.infer<typeof alertKindSchema>;

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

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');
export const alertPreferenceSchema = z.object({
  snoozedUntil: z.string().nullable().default(null),
  quietHours: z.object({ start: hhmm, end: hhmm }).nullable().default(null),
});
export type AlertPreference = z.infer<typeof alertPreferenceSchema>;

export const accountSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerIdSchema,
  keyHint: z.string(),
  isDemo: z.boolean(),
  lastSyncedAt: z.string().nullable(),
  lastError: appErrorSchema.nullable(),
  /** A secondary fetch (usage, project names) that failed in the last sync; the figures are still right. */
  warning: z.string().nullable(),
  stale: z.boolean(),
  syncing: z.boolean(),
  monthToDateMicros: microsSchema,
  todayMicros: microsSchema,
  forecastMicros: microsSchema.nullable(),
  budget: budgetSchema.nullable(),
  budgetUsedPercent: z.number().nullable(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const accountInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerIdSchema,
  baseUrl: z.string(),
  keyHint: z.string(),
  createdAt: z.string(),
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

export const rangeSchema = z.enum(['7d', '30d', 'mtd', '3m', '12m']);
export type DashboardRange = z.infer<typeof rangeSchema>;
export const groupBySchema = z.enum(['model', 'line_item', 'project']);
export type GroupBy = z.infer<typeof groupBySchema>;

export { ALL_ACCOUNTS } from './constants';

export const dashboardQuerySchema = z.object({
  accountId: z.string().min(1).max(100),
  range: rangeSchema,
  groupBy: groupBySchema,
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const namedAmountSchema = z.object({ key: z.string(), name: z.string(), micros: microsSchema });
export type NamedAmount = z.infer<typeof namedAmountSchema>;
const comparedAmountSchema = namedAmountSchema.extend({ previousMicros: microsSchema });
export type ComparedAmount = z.infer<typeof comparedAmountSchema>;

export const dailySeriesSchema = z.object({
  /** "day", or "week" (UTC weeks from Monday) for the 12-month range; each point is keyed by its first day. */
  bucket: z.enum(['day', 'week']).default('day'),
  series: z.array(z.object({ key: z.string(), label: z.string() })),
  points: z.array(z.object({ day: utcDaySchema, totalMicros: microsSchema, values: z.record(z.string(), microsSchema) })),
});
export type DailySeries = z.infer<typeof dailySeriesSchema>;

export const dashboardViewSchema = z.object({
  generatedAt: z.string(),
  today: utcDaySchema,
  currency: z.string(),
  isDemo: z.boolean(),
  accounts: z.array(accountSummarySchema),
  query: dashboardQuerySchema,
  kpis: z.object({
    monthToDateMicros: microsSchema,
    todayMicros: microsSchema,
    forecastMicros: microsSchema.nullable(),
    budgetMicros: microsSchema.nullable(),
    budgetUsedPercent: z.number().nullable(),
    lastSyncedAt: z.string().nullable(),
    /** This month's costs reported in another currency: shown apart, never added to the dollar figures. */
    otherCurrencies: z.array(z.object({ currency: z.string().max(3), micros: microsSchema })).max(20).default([]),
  }),
  daily: dailySeriesSchema,
  /** Totals over the selected range. */
  byProject: z.array(namedAmountSchema),
  byLineItem: z.array(namedAmountSchema),
  byModel: z.array(namedAmountSchema),
  /** This month so far against the same days of last month. */
  monthBreakdown: z.object({
    projects: z.array(comparedAmountSchema),
    lineItems: z.array(comparedAmountSchema),
  }),
  /** The current month: cumulative spend, the projected path to month end, and the budget. */
  monthProgress: z.object({
    budgetMicros: microsSchema.nullable(),
    points: z.array(z.object({ day: utcDaySchema, actualMicros: microsSchema.nullable(), projectedMicros: microsSchema.nullable() })),
  }),
  usage: z.object({
    bucket: z.enum(['day', 'week']).default('day'),
    models: z.array(z.string()),
    points: z.array(z.object({ day: utcDaySchema, tokens: z.record(z.string(), z.number().int()), requests: z.record(z.string(), z.number().int()) })),
  }),
  /** Cards expired or expiring within 60 days: the dashboard's badge. */
  paymentNotices: z.array(z.object({ methodId: z.string(), severity: z.enum(['warning', 'critical']), message: z.string() })),
  /**
   * The first UTC day with any cost in the selected accounts (null: none yet). Months before it have no data,
   * and no change is computed against a period that starts before it. Optional for views built by older code.
   */
  dataSince: utcDaySchema.nullable().optional(),
  /** Billing history: one row per UTC month, newest first. */
  monthly: z.array(
    z.object({
      month: utcMonthSchema,
      totalMicros: microsSchema,
      byProject: z.array(namedAmountSchema),
      byLineItem: z.array(namedAmountSchema),
    }),
  ),
});
export type DashboardView = z.infer<typeof dashboardViewSchema>;

export const syncReportSchema = z.object({
  accounts: z.array(
    z.object({
      accountId: z.string(),
      name: z.string(),
      ok: z.boolean(),
      requests: z.number().int(),
      error: appErrorSchema.nullable(),
    }),
  ),
});
export type SyncReport = z.infer<typeof syncReportSchema>;

export const trayStateSchema = z.enum(['ok', 'warning', 'over']);
export type TrayState = z.infer<typeof trayStateSchema>;

export const syncProgressSchema = z.object({
  accountId: z.string(),
  phase: z.enum(['backfill', 'incremental']),
  doneDays: z.number().int(),
  totalDays: z.number().int(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;
