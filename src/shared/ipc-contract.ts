/**
 * The one IPC contract: every renderer→main call and main→renderer event, with zod validators.
 * Main registers handlers from it; the preload (and the browser harness) generate the bridge from it.
 */
import { z } from 'zod';
import type { CHANNEL_NAMES, EVENT_NAMES } from './ipc-channels';
import {
  accountCreditsSchema,
  autoRechargeInputSchema,
  creditEntryInputSchema,
  creditEntrySchema,
  paymentEventInputSchema,
  paymentEventSchema,
  paymentMethodInputSchema,
  paymentMethodSchema,
  recordedBalanceInputSchema,
} from './payments';
import {
  accountInfoSchema,
  accountNameSchema,
  alertKindSchema,
  alertPreferenceSchema,
  alertSchema,
  type appErrorSchema,
  baseUrlSchema,
  budgetInputSchema,
  budgetSchema,
  providerIdSchema,
  utcDaySchema,
} from './domain';
import { dashboardQuerySchema, dashboardViewSchema, syncProgressSchema, syncReportSchema } from './dashboard-view';
import { webhookAddInputSchema, webhookInfoSchema, webhookStatusSchema, webhookTestResultSchema } from './webhooks';
import { accountSpendControlsSchema, emailRecipientsSchema, wholeCentsSchema } from './spend-controls';
import {
  billingMonthStatusSchema,
  caseContactInputSchema,
  caseContactSchema,
  caseStateSchema,
  invoiceInputSchema,
  reconciliationDetailSchema,
  reconciliationSchema,
  supportCaseSchema,
} from './billing';

const accountIdSchema = z.string().min(1).max(100);
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month, YYYY-MM.');
/** OpenAI's spend controls: a project id, or null for the whole organisation. */
const spendTargetSchema = z.object({
  accountId: accountIdSchema,
  projectId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .nullable(),
});
const generalSchema = z.object({
  pollMinutes: z.number().int(),
  startAtLogin: z.boolean(),
  notifications: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
});

export const ipcContract = {
  getDashboard: { input: dashboardQuerySchema, output: dashboardViewSchema },
  listAccounts: { input: z.object({}), output: z.array(accountInfoSchema) },
  addAccount: {
    input: z.object({
      name: accountNameSchema,
      provider: providerIdSchema,
      baseUrl: baseUrlSchema.optional(),
      apiKey: z.string().trim().min(8, 'Paste the whole key.').max(500),
    }),
    output: accountInfoSchema,
  },
  /** A new key for an existing account: checked by prefix, tested with one call, then stored; history kept. */
  replaceAccountKey: {
    input: z.object({ accountId: accountIdSchema, apiKey: z.string().trim().min(8, 'Paste the whole key.').max(500) }),
    output: accountInfoSchema,
  },
  renameAccount: {
    input: z.object({ accountId: accountIdSchema, name: accountNameSchema }),
    output: accountInfoSchema,
  },
  removeAccount: { input: z.object({ accountId: accountIdSchema }), output: z.object({ removed: z.boolean() }) },
  syncNow: { input: z.object({ accountId: accountIdSchema.optional() }), output: syncReportSchema },
  setBudget: {
    input: z.object({ accountId: accountIdSchema, budget: budgetInputSchema.nullable() }),
    output: z.object({ accountId: z.string(), budget: budgetSchema.nullable(), alerts: z.array(alertSchema) }),
  },
  listAlerts: { input: z.object({}), output: z.object({ alerts: z.array(alertSchema), unread: z.number().int() }) },
  markAlertsRead: {
    input: z.object({ ids: z.union([z.array(z.string().max(100)).max(1000), z.literal('all')]) }),
    output: z.object({ marked: z.number().int() }),
  },
  getPreferences: {
    input: z.object({}),
    output: z.object({
      pollMinutes: z.number().int(),
      general: generalSchema,
      spikeFloorMicros: z.number().int(),
      alertPreferences: z.partialRecord(alertKindSchema, alertPreferenceSchema),
      budgets: z.record(z.string(), budgetSchema),
    }),
  },
  setAlertPreference: {
    input: z.object({ kind: alertKindSchema, preference: alertPreferenceSchema }),
    output: z.object({ kind: alertKindSchema, preference: alertPreferenceSchema }),
  },
  exportCsv: {
    input: z.object({ accountId: accountIdSchema, from: utcDaySchema.optional(), to: utcDaySchema.optional() }),
    /** savedTo: where the desktop app saved it (null if cancelled); csv: the file, for hosts without a save dialog. */
    output: z.object({ fileName: z.string(), savedTo: z.string().nullable(), csv: z.string().nullable() }),
  },
  listWebhooks: { input: z.object({}), output: z.array(webhookStatusSchema) },
  /** The URL crosses once, to the keychain; what comes back (and every later list) has it masked. */
  addWebhook: { input: webhookAddInputSchema, output: webhookInfoSchema },
  removeWebhook: { input: z.object({ id: z.string().min(1).max(100) }), output: z.object({ removed: z.boolean() }) },
  testWebhook: { input: z.object({ id: z.string().min(1).max(100) }), output: webhookTestResultSchema },
  getPayments: {
    input: z.object({}),
    output: z.object({
      methods: z.array(paymentMethodSchema),
      events: z.array(paymentEventSchema),
      expiryAlertDays: z.array(z.number().int()),
      localToday: z.string(),
      utcToday: z.string(),
      accounts: z.array(
        z.object({
          accountId: z.string(),
          name: z.string(),
          credits: accountCreditsSchema,
          estimate: z
            .object({
              estimateMicros: z.number().int(),
              recordedMicros: z.number().int(),
              asOf: z.string(),
              spentSinceMicros: z.number().int(),
              addedSinceMicros: z.number().int(),
              /** Credit dated on the reading day: taken as already in the recorded balance (balance.ts). */
              onReadingDayMicros: z.number().int(),
              onReadingDayCount: z.number().int(),
              dailyRateMicros: z.number().int().nullable(),
              runwayDays: z.number().int().nullable(),
              runsOutOn: z.string().nullable(),
              nextRechargeOn: z.string().nullable(),
            })
            .nullable(),
        }),
      ),
      checklist: z.array(
        z.object({
          id: z.string(),
          status: z.enum(['ok', 'warning', 'problem']),
          title: z.string(),
          detail: z.string(),
        }),
      ),
      causes: z.array(z.object({ cause: z.string(), fix: z.string() })),
    }),
  },
  savePaymentMethod: {
    input: z.object({ id: z.string().max(100).optional(), method: paymentMethodInputSchema }),
    output: paymentMethodSchema,
  },
  deletePaymentMethod: {
    input: z.object({ id: z.string().min(1).max(100) }),
    output: z.object({ removed: z.boolean() }),
  },
  addCredit: { input: creditEntryInputSchema, output: creditEntrySchema },
  removeCredit: {
    input: z.object({ accountId: accountIdSchema, entryId: z.string().max(100) }),
    output: z.object({ removed: z.boolean() }),
  },
  setRecordedBalance: {
    input: z.object({ accountId: accountIdSchema, balance: recordedBalanceInputSchema.nullable() }),
    output: z.object({ saved: z.boolean() }),
  },
  setAutoRecharge: {
    input: z.object({ accountId: accountIdSchema, autoRecharge: autoRechargeInputSchema.nullable() }),
    output: z.object({ saved: z.boolean() }),
  },
  addPaymentEvent: { input: paymentEventInputSchema, output: paymentEventSchema },
  removePaymentEvent: { input: z.object({ id: z.string().max(100) }), output: z.object({ removed: z.boolean() }) },
  setExpiryAlertDays: {
    input: z.object({ days: z.array(z.number().int().min(1).max(365)).min(1).max(10) }),
    output: z.object({ days: z.array(z.number().int()) }),
  },
  setGeneral: {
    input: z.object({
      pollMinutes: z.number().int().min(5, 'Poll at most every 5 minutes.').max(1440).optional(),
      startAtLogin: z.boolean().optional(),
      notifications: z.boolean().optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
    }),
    output: generalSchema,
  },
  testAccount: {
    input: z.object({ accountId: accountIdSchema }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
  openWindow: {
    input: z.object({ route: z.enum(['dashboard', 'settings']), section: z.string().max(40).optional() }),
    output: z.object({ opened: z.boolean() }),
  },
  openExternal: { input: z.object({ url: z.string().max(2000).url() }), output: z.object({ opened: z.boolean() }) },
  /** What Spendwatch knows of OpenAI's hard limit and email alerts; `refresh` asks OpenAI first. */
  getSpendControls: {
    input: z.object({ accountId: accountIdSchema, refresh: z.boolean().default(false) }),
    output: accountSpendControlsSchema,
  },
  setSpendLimit: { input: spendTargetSchema.extend({ cents: wholeCentsSchema }), output: accountSpendControlsSchema },
  removeSpendLimit: { input: spendTargetSchema, output: accountSpendControlsSchema },
  addSpendEmailAlert: {
    input: spendTargetSchema.extend({ cents: wholeCentsSchema, recipients: emailRecipientsSchema }),
    output: accountSpendControlsSchema,
  },
  updateSpendEmailAlert: {
    input: spendTargetSchema.extend({
      alertId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
      cents: wholeCentsSchema,
      recipients: emailRecipientsSchema,
    }),
    output: accountSpendControlsSchema,
  },
  removeSpendEmailAlert: {
    input: spendTargetSchema.extend({ alertId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/) }),
    output: accountSpendControlsSchema,
  },
  /** Billing history's status column: the last 12 months, newest first (empty for the demo or several accounts). */
  getBillingStatuses: { input: z.object({ accountId: accountIdSchema }), output: z.array(billingMonthStatusSchema) },
  getReconciliation: {
    input: z.object({ accountId: accountIdSchema, month: monthSchema }),
    output: reconciliationDetailSchema,
  },
  saveInvoice: { input: invoiceInputSchema, output: reconciliationSchema },
  removeInvoice: {
    input: z.object({ accountId: accountIdSchema, month: monthSchema }),
    output: z.object({ removed: z.boolean() }),
  },
  addCaseContact: { input: caseContactInputSchema, output: caseContactSchema },
  removeCaseContact: {
    input: z.object({ accountId: accountIdSchema, month: monthSchema, contactId: z.string().min(1).max(100) }),
    output: z.object({ removed: z.boolean() }),
  },
  setCaseState: {
    input: z.object({ accountId: accountIdSchema, month: monthSchema, state: caseStateSchema }),
    output: supportCaseSchema,
  },
  /** The support-ready Markdown report; savedTo/markdown as for exportCsv. */
  exportReport: {
    input: z.object({ accountId: accountIdSchema, month: monthSchema }),
    output: z.object({ fileName: z.string(), savedTo: z.string().nullable(), markdown: z.string().nullable() }),
  },
} as const;

/** @public The events main sends the renderer, with their payloads (typed only: main is the sender). */
export const eventContract = {
  snapshotChanged: z.object({
    reason: z.enum(['sync', 'accounts', 'budget', 'startup', 'billing', 'settings']),
    at: z.string(),
  }),
  syncProgress: syncProgressSchema,
  alertRaised: z.object({
    id: z.string(),
    kind: z.string(),
    accountId: z.string(),
    title: z.string(),
    body: z.string(),
  }),
} as const;

type IpcContract = typeof ipcContract;
export type Channel = keyof IpcContract;
export type ChannelInput<C extends Channel> = z.input<IpcContract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<IpcContract[C]['output']>;
/** What a handler in main receives: the input after validation (defaults applied). */
export type ChannelParsedInput<C extends Channel> = z.output<IpcContract[C]['input']>;
export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

/** What every call resolves to: errors travel as data, since Error objects lose fields across IPC. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof appErrorSchema> };

export { CHANNEL_NAMES, EVENT_CHANNEL, channelName, isChannel } from './ipc-channels';

// The zod-free name lists in ipc-channels.ts must name exactly the contract's channels and events.
type SameKeys<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: SameKeys<(typeof CHANNEL_NAMES)[number], Channel> = true;
const eventsMatch: SameKeys<(typeof EVENT_NAMES)[number], EventName> = true;
void channelsMatch;
void eventsMatch;
