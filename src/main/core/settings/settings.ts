/**
 * The settings document (config.json in the data dir): accounts without their keys, budgets, preferences.
 * Only masked key hints are ever stored here.
 */
import { z } from 'zod';
import {
  accountInfoSchema,
  alertKindSchema,
  alertPreferenceSchema,
  budgetSchema,
  microsSchema,
} from '../../../shared/domain';
import { accountCreditsSchema, DEFAULT_EXPIRY_ALERT_DAYS, paymentEventSchema } from '../../../shared/payments';
import { storedPaymentMethodSchema } from '../payments/stored-method';
import { webhookInfoSchema } from '../../../shared/webhooks';
import type { DocumentStore } from '../ports';
import { noLocks, type StateLocks } from '../fs/state-lock';

/** An account as stored: exactly what the renderer may see (the key itself lives in the keychain). */
const storedAccountSchema = accountInfoSchema;
export type StoredAccount = z.infer<typeof storedAccountSchema>;

const settingsSchema = z.object({
  version: z.literal(1),
  accounts: z.array(storedAccountSchema),
  budgets: z.record(z.string(), budgetSchema),
  general: z.object({
    pollMinutes: z.number().int().min(1).max(1440),
    startAtLogin: z.boolean().default(false),
    notifications: z.boolean().default(true),
    theme: z.enum(['system', 'light', 'dark']).default('system'),
  }),
  payments: z
    .object({
      methods: z.array(storedPaymentMethodSchema).default([]),
      events: z.array(paymentEventSchema).default([]),
      expiryAlertDays: z.array(z.number().int().min(1).max(365)).default(DEFAULT_EXPIRY_ALERT_DAYS),
    })
    .default({ methods: [], events: [], expiryAlertDays: DEFAULT_EXPIRY_ALERT_DAYS }),
  credits: z.record(z.string(), accountCreditsSchema).default({}),
  alerts: z
    .object({
      /** A spike must exceed its norm by at least this much, so cents never alarm. */
      spikeFloorMicros: microsSchema.nonnegative().default(5_000_000),
      preferences: z.partialRecord(alertKindSchema, alertPreferenceSchema).default({}),
    })
    .default({ spikeFloorMicros: 5_000_000, preferences: {} }),
  /** Where every alert is also posted; the URLs are in the keychain. */
  webhooks: z.array(webhookInfoSchema).default([]),
});
export type Settings = z.infer<typeof settingsSchema>;

const DEFAULT_SETTINGS: Settings = {
  version: 1,
  accounts: [],
  budgets: {},
  general: { pollMinutes: 15, startAtLogin: false, notifications: true, theme: 'system' },
  alerts: { spikeFloorMicros: 5_000_000, preferences: {} },
  payments: { methods: [], events: [], expiryAlertDays: DEFAULT_EXPIRY_ALERT_DAYS },
  credits: {},
  webhooks: [],
};

/** Why a stored settings document is unusable, or null: the damaged-file policy's check for config.json. */
export function settingsProblem(raw: unknown): string | null {
  const parsed = settingsSchema.safeParse({ ...structuredClone(DEFAULT_SETTINGS), ...(raw as object) });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`;
}

export const SETTINGS_LOCK = 'config';

/**
 * Typed access to the settings document, validated on every read. Every change is a read-modify-write
 * under the cross-process settings lock, reading the file fresh, so no process's update is lost.
 */
export class SettingsRepository {
  /** The last document read and its parsed form: a dashboard refresh reads settings several times, a parse each costs. */
  private lastRead: { json: string; settings: Settings } | undefined;

  constructor(
    private readonly store: DocumentStore<unknown>,
    private readonly locks: StateLocks = noLocks,
  ) {}

  read(): Settings {
    const raw = this.store.read();
    if (raw === undefined) return structuredClone(DEFAULT_SETTINGS);
    const json = JSON.stringify(raw);
    // A copy every time: callers change what they get (update() does), and the cached parse must not change with it.
    if (this.lastRead?.json === json) return structuredClone(this.lastRead.settings);
    const parsed = settingsSchema.safeParse({ ...structuredClone(DEFAULT_SETTINGS), ...(raw as object) });
    if (!parsed.success)
      throw new Error(`The settings file is damaged: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    this.lastRead = { json, settings: structuredClone(parsed.data) };
    return parsed.data;
  }

  /** Applies a change to the current settings; a change that throws writes nothing. */
  update(change: (settings: Settings) => Settings | void): Settings {
    return this.locks.withSync(SETTINGS_LOCK, () => {
      const current = this.read();
      const next = change(current) ?? current;
      this.store.write(settingsSchema.parse(next));
      return next;
    });
  }
}
