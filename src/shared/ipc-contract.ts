/**
 * The one IPC contract: every renderer→main call and main→renderer event, with zod validators.
 * Main registers handlers from it; the preload (and the browser harness) generate the bridge from it.
 */
import { z } from 'zod';
import type { CHANNEL_NAMES, EVENT_NAMES } from './ipc-channels';
import {
  accountInfoSchema,
  accountNameSchema,
  alertKindSchema,
  alertPreferenceSchema,
  alertSchema,
  type appErrorSchema,
  baseUrlSchema,
  budgetSchema,
  dashboardQuerySchema,
  dashboardViewSchema,
  providerIdSchema,
  syncProgressSchema,
  syncReportSchema,
} from './domain';

const accountIdSchema = z.string().min(1).max(100);

export const ipcContract = {
  getDashboard: { input: dashboardQuerySchema, output: dashboardViewSchema },
  listAccounts: { input: z.object({}), output: z.array(accountInfoSchema) },
  addAccount: {
    input: z.object({
      name: accountNameSchema,
      provider: providerIdSchema,
      baseUrl: baseUrlSchema.optional(),
      apiKey: z.string().trim().min(8, 'Paste the whole key').max(500),
    }),
    output: accountInfoSchema,
  },
  renameAccount: { input: z.object({ accountId: accountIdSchema, name: accountNameSchema }), output: accountInfoSchema },
  removeAccount: { input: z.object({ accountId: accountIdSchema }), output: z.object({ removed: z.boolean() }) },
  syncNow: { input: z.object({ accountId: accountIdSchema.optional() }), output: syncReportSchema },
  setBudget: {
    input: z.object({ accountId: accountIdSchema, budget: budgetSchema.nullable() }),
    output: z.object({ accountId: z.string(), budget: budgetSchema.nullable(), alerts: z.array(alertSchema) }),
  },
  listAlerts: { input: z.object({}), output: z.object({ alerts: z.array(alertSchema), unread: z.number().int() }) },
  markAlertsRead: { input: z.object({ ids: z.union([z.array(z.string().max(100)).max(1000), z.literal('all')]) }), output: z.object({ marked: z.number().int() }) },
  getPreferences: {
    input: z.object({}),
    output: z.object({
      pollMinutes: z.number().int(),
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
    input: z.object({ accountId: accountIdSchema, from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    /** savedTo: where the desktop app saved it (null if cancelled); csv: the file, for hosts without a save dialog. */
    output: z.object({ fileName: z.string(), savedTo: z.string().nullable(), csv: z.string().nullable() }),
  },
  openExternal: { input: z.object({ url: z.string().url() }), output: z.object({ opened: z.boolean() }) },
} as const;

export const eventContract = {
  snapshotChanged: z.object({ reason: z.enum(['sync', 'accounts', 'budget', 'startup']), at: z.string() }),
  syncProgress: syncProgressSchema,
  alertRaised: z.object({ id: z.string(), kind: z.string(), accountId: z.string(), title: z.string(), body: z.string() }),
} as const;

export type IpcContract = typeof ipcContract;
export type Channel = keyof IpcContract;
export type ChannelInput<C extends Channel> = z.input<IpcContract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<IpcContract[C]['output']>;
/** What a handler in main receives: the input after validation (defaults applied). */
export type ChannelParsedInput<C extends Channel> = z.output<IpcContract[C]['input']>;
export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

/** What every call resolves to: errors travel as data, since Error objects lose fields across IPC. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof appErrorSchema> };

export { CHANNEL_PREFIX, EVENT_CHANNEL, channelName, channels, isChannel, isEventName } from './ipc-channels';

// The zod-free name lists in ipc-channels.ts must name exactly the contract's channels and events.
type SameKeys<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: SameKeys<(typeof CHANNEL_NAMES)[number], Channel> = true;
const eventsMatch: SameKeys<(typeof EVENT_NAMES)[number], EventName> = true;
void channelsMatch;
void eventsMatch;
