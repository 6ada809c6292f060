/**
 * The dashboard's view: what `getDashboard` sends the renderer, and the sync events. Only the IPC contract
 * builds these schemas at run time; everything else uses the types (re-exported by domain.ts).
 */
import { z } from 'zod';
import { microsSchema, appErrorSchema, providerIdSchema, budgetSchema, utcDaySchema, utcMonthSchema } from './domain';
import { DIMENSION_IDS } from './dimensions';
import { BUDGET_STATES } from './budget-state';

/** What the budget's use means (budget-state.ts): the tray's colour. */
const budgetStateSchema = z.enum(BUDGET_STATES);

const accountSummarySchema = z.object({
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
  budgetState: budgetStateSchema.nullable(),
  /** This account's first UTC day with any cost (null: none yet): "All accounts" says "no data" per account before it. */
  dataSince: utcDaySchema.nullable(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

const rangeSchema = z.enum(['7d', '30d', 'mtd', '3m', '12m']);
export type DashboardRange = z.infer<typeof rangeSchema>;
const groupBySchema = z.enum(DIMENSION_IDS);
export type GroupBy = z.infer<typeof groupBySchema>;

export const dashboardQuerySchema = z.object({
  accountId: z.string().min(1).max(100),
  range: rangeSchema,
  groupBy: groupBySchema,
  /** Only this project's (workspace's) spend in the charts; the key figures stay the account's. */
  projectId: z.string().min(1).max(200).optional(),
  /** Only this API key's spend in the charts. */
  apiKeyId: z.string().min(1).max(200).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const namedAmountSchema = z.object({ key: z.string(), name: z.string(), micros: microsSchema });
export type NamedAmount = z.infer<typeof namedAmountSchema>;
const comparedAmountSchema = namedAmountSchema.extend({
  /** This month's whole UTC days (the 1st to yesterday): what is compared, so a partial today never is. */
  comparedMicros: microsSchema.optional(),
  /** The same days of the previous month. */
  previousMicros: microsSchema,
});
export type ComparedAmount = z.infer<typeof comparedAmountSchema>;

const dailySeriesSchema = z.object({
  /** "day", or "month" (UTC calendar months, the running one to date) for the 12-month range; each point is keyed by its first day. */
  bucket: z.enum(['day', 'month']).default('day'),
  series: z.array(z.object({ key: z.string(), label: z.string() })),
  points: z.array(
    z.object({ day: utcDaySchema, totalMicros: microsSchema, values: z.record(z.string(), microsSchema) }),
  ),
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
    budgetState: budgetStateSchema.nullable(),
    lastSyncedAt: z.string().nullable(),
    /** This month's costs reported in another currency: shown apart, never added to the dollar figures. */
    otherCurrencies: z
      .array(z.object({ currency: z.string().max(3), micros: microsSchema }))
      .max(20)
      .default([]),
  }),
  daily: dailySeriesSchema,
  /** Totals over the selected range. */
  byProject: z.array(namedAmountSchema),
  byLineItem: z.array(namedAmountSchema),
  byModel: z.array(namedAmountSchema),
  /** The projects and API keys (billed per key) that spent in the range: the chart filter's choices. */
  filterOptions: z
    .object({
      projects: z.array(z.object({ key: z.string(), name: z.string() })),
      apiKeys: z.array(z.object({ key: z.string(), name: z.string() })),
    })
    .optional(),
  /** Totals over the range by what the chart stacks by (any dimension), and whether they are billed or estimated. */
  byGroup: z.array(namedAmountSchema).optional(),
  groupBasis: z.enum(['billed', 'estimated']).optional(),
  /**
   * Who and what spent this month: unit prices billed (with last month's), savings hints and the week's top movers.
   * Optional for views built by older code.
   */
  insights: z
    .object({
      month: utcMonthSchema,
      prices: z.array(
        z.object({
          lineItem: z.string(),
          unit: z.string(),
          /** Dollars per one unit, decimal text (too fine for micros). */
          unitPrice: z.string().max(40),
          previousUnitPrice: z.string().max(40).nullable(),
          micros: microsSchema,
        }),
      ),
      /** Line items billed without a quantity (no unit price). */
      unpriced: z.number().int().nonnegative(),
      savings: z.array(z.object({ kind: z.string(), title: z.string(), micros: microsSchema, basis: z.string() })),
      movers: z.array(
        z.object({
          dimension: z.enum(['project', 'api_key']),
          key: z.string(),
          name: z.string(),
          micros: microsSchema,
          previousMicros: microsSchema,
          estimated: z.boolean(),
        }),
      ),
    })
    .optional(),
  /** This month so far; its whole days against the same days of last month. */
  monthBreakdown: z.object({
    /** How many whole UTC days are compared (0 on the 1st: nothing yet). Absent in views built by older code. */
    comparedDays: z.number().int().min(0).max(30).optional(),
    projects: z.array(comparedAmountSchema),
    lineItems: z.array(comparedAmountSchema),
  }),
  /** The current month: cumulative spend, the projected path to month end, and the budget. */
  monthProgress: z.object({
    budgetMicros: microsSchema.nullable(),
    points: z.array(
      z.object({ day: utcDaySchema, actualMicros: microsSchema.nullable(), projectedMicros: microsSchema.nullable() }),
    ),
  }),
  usage: z.object({
    bucket: z.enum(['day', 'month']).default('day'),
    models: z.array(z.string()),
    points: z.array(
      z.object({
        day: utcDaySchema,
        tokens: z.record(z.string(), z.number().int()),
        requests: z.record(z.string(), z.number().int()),
      }),
    ),
  }),
  /** Cards expired or expiring within 60 days: the dashboard's badge. */
  paymentNotices: z.array(
    z.object({ methodId: z.string(), severity: z.enum(['warning', 'critical']), message: z.string() }),
  ),
  /** Damaged local files found and repaired (moved aside, last good copy restored): shown as a banner. */
  stateNotices: z.array(z.object({ at: z.string(), message: z.string() })).optional(),
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
      /**
       * Against the month before, over the accounts whose history covers all of it (the running month: its whole
       * days against the same days); null when none does ("new"). Absent in views built by older code.
       */
      change: z
        .object({ micros: microsSchema, previousMicros: microsSchema, without: z.array(z.string()) })
        .nullable()
        .optional(),
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

export type TrayState = 'ok' | 'warning' | 'over';

export const syncProgressSchema = z.object({
  accountId: z.string(),
  phase: z.enum(['backfill', 'incremental']),
  doneDays: z.number().int(),
  totalDays: z.number().int(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;
