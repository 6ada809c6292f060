/**
 * Turns rule candidates into alerts that fire exactly once: each alert's key is persisted, so
 * repeated syncs, restarts and late discoveries never repeat it. Delivers new alerts as native
 * notifications (unless snoozed or in quiet hours) and keeps the alert centre's history.
 */
import { randomHex } from '../random-id';
import { z } from 'zod';
import { addMonths, dayFromMs, monthOf } from '../../../shared/dates';
import { alertSchema, type Alert, type AlertKind, type AlertPreference } from '../../../shared/domain';
import type { AccountViews, ResolvedAccount } from '../account-views';
import type { Clock, DocumentStore, EventSink, Notifier } from '../ports';
import type { Settings, SettingsRepository } from '../settings/settings';
import { ALERT_KINDS } from '../../../shared/alert-kinds';
import type { AccountSpendControls } from '../../../shared/spend-controls';
import { ALERT_RULES } from './alert-rules';
import { ruleContext, type AlertCandidate, type InvoiceChecks } from './rule-context';
import { noLocks, type StateLocks } from '../fs/state-lock';
import { own } from '../../../shared/records';
import { emptyOutbox, enqueue, outboxSchema, type Outbox } from '../webhooks/outbox';

const firedSchema = z.object({
  id: z.string(),
  firedAt: z.string(),
  period: z.string(),
  budgetMicros: z.number().nullable(),
});
const alertDocSchema = z.object({
  version: z.literal(1),
  fired: z.record(z.string(), firedSchema),
  log: z.array(alertSchema),
  /** Alerts waiting to be posted to webhooks (webhooks/outbox.ts): written with the fired keys, in one write. */
  outbox: outboxSchema.default(emptyOutbox),
});
type AlertDoc = z.infer<typeof alertDocSchema>;

const LOG_LIMIT = 500;
const EMPTY: AlertDoc = { version: 1, fired: {}, log: [], outbox: emptyOutbox() };
export const ALERTS_LOCK = 'alerts';

/** Why a stored alert document is unusable, or null: the damaged-file policy's check for alerts.json. */
export function alertDocProblem(raw: unknown): string | null {
  const parsed = alertDocSchema.safeParse(raw);
  return parsed.success
    ? null
    : `${parsed.error.issues[0]?.path.join('.') || 'alerts'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}

export class AlertEngine {
  constructor(
    private readonly deps: {
      store: DocumentStore<unknown>;
      settings: SettingsRepository;
      views: AccountViews;
      clock: Clock;
      notifier?: Notifier;
      emit: EventSink;
      /** What Spendwatch last learned about OpenAI's hard limits, for the openai-limit-* rules. */
      spendControls?: (accountId: string) => AccountSpendControls;
      /** Fired keys are read and written under this cross-process lock, so an alert fires exactly once. */
      locks?: StateLocks;
      /** The recorded invoices against the costs, for the billing-discrepancy rule. */
      invoices?: InvoiceChecks;
      /** Tells the user a check could not run (the log and the state notices); the other rules still run. */
      warn?: (message: string) => void;
      /** Called after alerts were queued for webhooks (the host's sender posts them). */
      onQueued?: () => void;
    },
  ) {}

  private get locks(): StateLocks {
    return this.deps.locks ?? noLocks;
  }

  /**
   * The alert document as stored. A damaged file is repaired by the store (moved aside, last good copy
   * restored, the user told); anything still unusable starts clean rather than stopping alerts.
   */
  private load(): AlertDoc {
    const raw = this.deps.store.read();
    const parsed = alertDocSchema.safeParse(raw);
    return parsed.success ? parsed.data : structuredClone(EMPTY);
  }

  /** Read-modify-write of the alert document under the lock, reading it fresh from disk. */
  private change<T>(fn: (doc: AlertDoc) => { result: T; write: boolean }): T {
    return this.locks.withSync(ALERTS_LOCK, () => {
      const doc = this.load();
      const { result, write } = fn(doc);
      if (write) this.deps.store.write(doc);
      return result;
    });
  }

  /** Evaluates every rule for every account; returns (and delivers) the alerts raised now. */
  evaluate(): Alert[] {
    const settings = this.deps.settings.read();
    if (settings.accounts.length === 0 && settings.payments.methods.length === 0) return [];
    const now = this.deps.clock.now();
    const accounts = settings.accounts.length ? this.deps.views.resolveAll(settings) : [];
    // Every new alert is queued for every webhook in the same write that records it.
    const webhooks = settings.webhooks;
    const raised = this.change((doc) => {
      const result = this.raise(doc, settings, accounts, now);
      for (const alert of result.result) enqueue(doc.outbox, alert, webhooks, now, () => `dl_${randomHex(8)}`);
      return result;
    });
    for (const alert of raised) this.deliver(alert);
    if (raised.length && webhooks.length) this.deps.onQueued?.();
    return raised;
  }

  /** The webhook outbox as stored, read without the lock (a read-only data dir can still be listed). */
  readOutbox(): Outbox {
    return this.load().outbox;
  }

  /** Read-modify-write of the webhook outbox, under the alerts lock (claims and settlements of deliveries). */
  changeOutbox<T>(fn: (outbox: Outbox) => { result: T; write: boolean }): T {
    return this.change((doc) => fn(doc.outbox));
  }

  private raise(
    doc: AlertDoc,
    settings: Settings,
    accounts: ResolvedAccount[],
    now: Date,
  ): { result: Alert[]; write: boolean } {
    // Everything a rule may read, built once per evaluation.
    const context = ruleContext({
      settings,
      accounts,
      now,
      spendControls: this.deps.spendControls,
      invoices: this.deps.invoices,
      warn: this.deps.warn,
    });
    const candidates = ALERT_RULES.flatMap((rule) => rule(context));
    const raised: Alert[] = [];
    let changed = false;
    for (const resolved of accounts)
      if (!resolved.isDemo)
        changed = this.rearmChangedBudgets(doc, resolved.account.id, candidates, resolved.budget, now) || changed;
    for (const candidate of candidates) this.record(doc, raised, candidate, now, settings);
    if (changed || raised.length) this.prune(doc, now);
    return { result: raised, write: changed || raised.length > 0 };
  }

  /**
   * A threshold that fired against another budget and is no longer crossed is re-armed, so that
   * raising a budget and crossing it later alerts again. A lowered budget simply crosses new thresholds.
   */
  private rearmChangedBudgets(
    doc: AlertDoc,
    accountId: string,
    candidates: AlertCandidate[],
    budget: { monthlyMicros: number; projects: Record<string, number> } | null,
    now: Date,
  ): boolean {
    const current = new Set(candidates.map((c) => c.key));
    const period = monthOf(dayFromMs(now.getTime()));
    let changed = false;
    for (const [key, fired] of Object.entries(doc.fired)) {
      const [kind, account, scope] = key.split('|');
      if (!rearmsOnBudgetChange(kind) || account !== accountId || fired.period !== period || current.has(key)) continue;
      const budgetNow =
        scope === 'account' ? budget?.monthlyMicros : own(budget?.projects, scope.slice('project:'.length));
      if (budgetNow !== fired.budgetMicros) {
        delete doc.fired[key];
        changed = true;
      }
    }
    return changed;
  }

  /** Raises a candidate whose key has not fired yet, and remembers the key. */
  private record(doc: AlertDoc, raised: Alert[], c: AlertCandidate, now: Date, settings: Settings): void {
    if (doc.fired[c.key]) return;
    const alert = this.toAlert(c, now, settings);
    doc.fired[c.key] = { id: alert.id, firedAt: alert.raisedAt, period: c.period, budgetMicros: c.budgetMicros };
    doc.log.unshift(alert);
    raised.push(alert);
  }

  private toAlert(c: AlertCandidate, now: Date, settings: Settings): Alert {
    return {
      id: `al_${randomHex(8)}`,
      key: c.key,
      kind: c.kind,
      accountId: c.accountId,
      accountName: c.accountName,
      scope: c.scope,
      threshold: c.threshold,
      period: c.period,
      day: c.day,
      severity: c.severity,
      title: c.title,
      message: c.message,
      estimate: c.estimate,
      raisedAt: now.toISOString(),
      silenced: isSilenced(settings.alerts.preferences[c.kind], now),
      read: false,
    };
  }

  private deliver(alert: Alert): void {
    if (!alert.silenced && this.deps.settings.read().general.notifications)
      this.deps.notifier?.notify({
        id: alert.id,
        title: alert.title,
        body: alert.message,
        accountId: alert.accountId,
        kind: alert.kind,
      });
    this.deps.emit('alertRaised', {
      id: alert.id,
      kind: alert.kind,
      accountId: alert.accountId,
      title: alert.title,
      body: alert.message,
    });
  }

  /** Keeps fired keys for the last few months (enough for late discoveries) and a bounded log. */
  private prune(doc: AlertDoc, now: Date): void {
    const oldest = addMonths(monthOf(dayFromMs(now.getTime())), -3);
    // Card-expiry and credit keys carry an expiry period (possibly years ahead); others age out.
    for (const [key, fired] of Object.entries(doc.fired))
      if (/^\d{4}-\d{2}$/.test(fired.period) && fired.period < oldest) delete doc.fired[key];
    doc.log = doc.log.slice(0, LOG_LIMIT);
  }

  /** The alert centre: newest first, with the unread count. */
  list(): { alerts: Alert[]; unread: number } {
    const { log } = this.load();
    return { alerts: log, unread: log.filter((a) => !a.read).length };
  }

  /** Alerts of the current UTC month (and ongoing sync failures), for `status --json` and the tray. */
  active(): Alert[] {
    const settings = this.deps.settings.read();
    const period = monthOf(dayFromMs(this.deps.clock.now().getTime()));
    const failing = new Set(
      this.deps.views
        .resolveAll(settings)
        .filter((r) => r.lastError)
        .map((r) => r.account.id),
    );
    const accounts = new Set(settings.accounts.map((a) => a.id));
    const methods = new Set(settings.payments.methods.map((m) => `method:${m.id}`));
    return this.load().log.filter((a) => {
      const active = ALERT_KINDS[a.kind].active;
      if (active === 'while-card-saved') return methods.has(a.scope);
      if (!accounts.has(a.accountId)) return false;
      if (active === 'raised-month') return a.raisedAt.startsWith(period);
      return active === 'while-sync-fails' ? failing.has(a.accountId) : a.period === period;
    });
  }

  markRead(ids: string[] | 'all'): number {
    return this.change((doc) => {
      let count = 0;
      for (const alert of doc.log) {
        if (!alert.read && (ids === 'all' || ids.includes(alert.id))) {
          alert.read = true;
          count++;
        }
      }
      return { result: count, write: count > 0 };
    });
  }

  forgetAccount(accountId: string): void {
    this.change((doc) => {
      doc.log = doc.log.filter((a) => a.accountId !== accountId);
      for (const key of Object.keys(doc.fired)) if (key.split('|')[1] === accountId) delete doc.fired[key];
      return { result: undefined, write: true };
    });
  }
}

/** Whether a fired key of this kind (as stored: text) is re-armed when its budget changes. */
function rearmsOnBudgetChange(kind: string): boolean {
  return Object.hasOwn(ALERT_KINDS, kind) && ALERT_KINDS[kind as AlertKind].firedKey === 'until-budget-changes';
}

/** The longest snooze Settings offers. */
const MAX_SNOOZE_MS = 7 * 86_400_000;

/**
 * Snoozed until later, or inside the kind's quiet hours (local time, may wrap past midnight). A snooze ending more
 * than a week from now was set while the clock ran ahead (or never by Settings): it does not silence for weeks.
 * @internal
 */
export function isSilenced(preference: AlertPreference | undefined, now: Date): boolean {
  if (!preference) return false;
  const until = preference.snoozedUntil ? Date.parse(preference.snoozedUntil) : NaN;
  if (until > now.getTime() && until - now.getTime() <= MAX_SNOOZE_MS) return true;
  const quiet = preference.quietHours;
  if (!quiet) return false;
  const minutes = now.getHours() * 60 + now.getMinutes();
  const [start, end] = [quiet.start, quiet.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
