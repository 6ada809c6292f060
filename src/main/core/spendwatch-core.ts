/**
 * The application core: one object that the Electron shell, the CLI and the browser harness all drive.
 * It owns the services and answers the questions the UI and CLI ask, from local history.
 */
import { addMonths, dayFromMs, monthOf } from '../../shared/dates';
import type { EventName, EventPayload } from '../../shared/ipc-contract';
import { budgetInputSchema, type Budget, type BudgetInput, type DashboardQuery, type DashboardView, type TrayState } from '../../shared/domain';
import { formatMoney } from '../../shared/money';
import { AccountService } from './accounts/account-service';
import { AccountViews } from './account-views';
import type { HistoryView } from './aggregate/aggregations';
import { breakdown, dailySeries, spendOf, forecast, monthOverMonth, monthProgress, monthToDate, otherCurrencyTotals, totalBetween, usageSeries, weeklySeries, weeklyUsage } from './aggregate/aggregations';
import { firstDayOfMonth, lastDayOfMonth } from '../../shared/dates';
import { rangeDays } from './aggregate/ranges';
import { dataSince } from './aggregate/data-since';
import { AppError, toErrorInfo } from './errors';
import { exportCostsCsv } from './reports/csv-export';
import { PaymentService } from './payments/payment-service';
import { estimateBalance } from './payments/balance';
import { FAILED_PAYMENT_CAUSES, paymentChecklist } from './payments/checklist';
import { methodName } from './alerts/payment-rules';
import { daysUntilExpiry, expiresSoon, localDay } from '../../shared/cards';
import { HistoryStore } from './history/history-store';
import { silentLogger, type Clock, type DocumentStore, type EventSink, type Logger, type Notifier, type SecretVault } from './ports';
import { providerFactory } from './providers/provider-factory';
import { SettingsRepository } from './settings/settings';
import { SyncEngine, type ProviderFactory, type SyncEngineOptions } from './sync/sync-engine';
import { SyncScheduler, type Timers } from './sync/scheduler';
import { AlertEngine } from './alerts/alert-engine';
import { JsonFileStore } from './settings/json-file-store';
import { join } from 'node:path';
import { FileStateLocks, type StateLocks } from './fs/state-lock';
import { StateNotices } from './fs/state-notices';
import { RecoveringDocument } from './fs/recovering-document';
import { settingsFile } from './paths';
import { SETTINGS_LOCK, settingsProblem } from './settings/settings';
import { ALERTS_LOCK, alertDocProblem } from './alerts/alert-engine';
import type { Alert } from '../../shared/domain';
import { OpenAiSpendControls } from './spend-controls/openai-spend-controls-api';
import { SpendControlsService, type SpendControlsFactory } from './spend-controls/spend-controls-service';
import { SpendControlsStore } from './spend-controls/spend-controls-store';
import { enforcingLines } from './spend-controls/tray-lines';
import { BillingService } from './billing/billing-service';
import { BillingStore } from './billing/billing-store';
import { billingDiscrepancyCandidates } from './alerts/billing-rules';

export interface CoreDependencies {
  dataDir: string;
  vault: SecretVault;
  /** Writes the settings document as plain JSON to config.json in the data dir (electron-store, or a JSON file). */
  settingsStore: DocumentStore<unknown>;
  /** The user's log file (app and CLI); silent if none. */
  logger?: Logger;
  /** Cross-process locks; defaults to lock files in the data dir. */
  locks?: StateLocks;
  clock: Clock;
  emit?: EventSink;
  notifier?: Notifier;
  /** Recorded invoices and support cases; defaults to billing.json in the data dir. */
  billingStore?: DocumentStore<unknown>;
  /** Where fired alerts are remembered; defaults to alerts.json in the data dir. */
  alertStore?: DocumentStore<unknown>;
  createProvider?: ProviderFactory;
  /** OpenAI's spend limit and email alerts API; defaults to the real one at the account's base URL. */
  createSpendControls?: SpendControlsFactory;
  syncOptions?: Partial<SyncEngineOptions>;
  timers?: Timers;
}

/** A budget as given, validated: a bad one is a clear invalid_input error and changes nothing. */
function parseBudget(input: BudgetInput): Budget {
  const parsed = budgetInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('invalid_input', `Budget ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}.`.replace(' : ', ': '));
}

export const defaultProviderFactory: ProviderFactory = providerFactory();
/** A shorter timeout than Costs: the limit check runs after a sync's data is saved and must not hold up its alerts for long. */
export const defaultSpendControlsFactory: SpendControlsFactory = (account, apiKey) => new OpenAiSpendControls({ apiKey, baseUrl: account.baseUrl, timeoutMs: 15_000 });

export class SpendwatchCore {
  readonly settings: SettingsRepository;
  readonly history: HistoryStore;
  readonly accounts: AccountService;
  readonly sync: SyncEngine;
  readonly scheduler: SyncScheduler;
  readonly views: AccountViews;
  readonly alerts: AlertEngine;
  readonly payments: PaymentService;
  readonly spendControls: SpendControlsService;
  /** Damaged files found and repaired: the CLI prints them, the app shows a banner. */
  readonly notices: StateNotices;
  readonly locks: StateLocks;
  readonly logger: Logger;
  readonly billing: BillingService;
  private alertTimer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<EventSink>();

  constructor(private readonly deps: CoreDependencies) {
    const createProvider: ProviderFactory = deps.createProvider ?? providerFactory({ clock: deps.clock });
    this.locks = deps.locks ?? new FileStateLocks(deps.dataDir);
    this.notices = new StateNotices(deps.clock);
    this.logger = deps.logger ?? silentLogger;
    this.notices.onNotice((notice) => this.logger.warn(notice.message));
    const guarded = (path: string, writer: DocumentStore<unknown>, label: string, lockName: string, problem: (raw: unknown) => string | null) =>
      new RecoveringDocument({ path, writer, label, lockName, problem, locks: this.locks, clock: deps.clock, notices: this.notices });
    this.settings = new SettingsRepository(guarded(settingsFile(deps.dataDir), deps.settingsStore, 'settings', SETTINGS_LOCK, settingsProblem), this.locks);
    this.history = new HistoryStore(deps.dataDir, deps.clock, this.locks, this.notices);
    this.views = new AccountViews(this.history, deps.clock);
    const emit: EventSink = (event, payload) => this.emit(event, payload);
    this.accounts = new AccountService({ settings: this.settings, vault: deps.vault, history: this.history, clock: deps.clock, createProvider });
    this.sync = new SyncEngine({ settings: this.settings, vault: deps.vault, history: this.history, clock: deps.clock, createProvider, emit, notices: this.notices }, deps.syncOptions);
    this.payments = new PaymentService({ settings: this.settings, vault: deps.vault, clock: deps.clock });
    const spendControlsStore = new SpendControlsStore(deps.dataDir);
    this.spendControls = new SpendControlsService({
      settings: this.settings,
      vault: deps.vault,
      history: this.history,
      store: spendControlsStore,
      clock: deps.clock,
      createApi: deps.createSpendControls ?? defaultSpendControlsFactory,
      createProvider,
      emit,
    });
    this.billing = new BillingService({ store: new BillingStore(deps.billingStore ?? new JsonFileStore(join(deps.dataDir, 'billing.json'))), settings: this.settings, views: this.views, clock: deps.clock });
    this.alerts = new AlertEngine({
      spendControls: (accountId) => spendControlsStore.read(accountId),
      store: deps.alertStore ?? guarded(join(deps.dataDir, 'alerts.json'), new JsonFileStore(join(deps.dataDir, 'alerts.json')), 'alert history', ALERTS_LOCK, alertDocProblem),
      locks: this.locks,
      settings: this.settings,
      views: this.views,
      clock: deps.clock,
      notifier: deps.notifier,
      emit,
      // Fired keys are kept for 3 months, so only invoices of those months are checked (else they could fire again).
      // The invoice check must never stop the other alerts: a damaged billing.json is reported, and skipped.
      moreRules: (accounts, now) => {
        try {
          return billingDiscrepancyCandidates(this.billing.reconcileRecorded(accounts, addMonths(monthOf(dayFromMs(now.getTime())), -3)));
        } catch (error) {
          const message = `Invoices were not checked against costs: ${toErrorInfo(error).message}`;
          this.logger.warn(message);
          this.notices.add(message);
          return [];
        }
      },
    });
    this.scheduler = new SyncScheduler({
      run: (ids) => this.syncAndEvaluate(ids),
      settings: this.settings,
      history: this.history,
      clock: deps.clock,
      timers: deps.timers,
    });
    this.onEvent((event) => {
      if (event === 'snapshotChanged') this.refreshTray();
    });
  }

  get vault(): SecretVault {
    return this.deps.vault;
  }

  onEvent(listener: EventSink): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.deps.emit?.(event, payload);
    for (const listener of this.listeners) listener(event, payload);
  }

  /** The injected clock's time: core never reads the machine's clock directly. */
  now(): Date {
    return this.deps.clock.now();
  }

  today(): string {
    return dayFromMs(this.deps.clock.now().getTime());
  }

  getDashboard(query: DashboardQuery): DashboardView {
    const settings = this.settings.read();
    const all = this.views.resolveAll(settings);
    const selected = this.views.select(all, query.accountId);
    const views = selected.map((s) => s.view);
    const today = this.today();
    const { from, to } = rangeDays(query.range, today);
    const weekly = query.range === '12m';
    const month = monthOf(today);
    const budgetMicros = selected.every((s) => s.budget) ? selected.reduce((sum, s) => sum + (s.budget?.monthlyMicros ?? 0), 0) : null;
    const mtd = monthToDate(views, today);
    const syncTimes = selected.map((s) => s.lastSyncedAt).filter((t): t is string => !!t).sort();
    return {
      generatedAt: this.deps.clock.now().toISOString(),
      today,
      currency: 'usd',
      isDemo: selected.some((s) => s.isDemo),
      accounts: all.map((r) => this.views.summarise(r, settings, this.sync.isSyncing(r.account.id))),
      query,
      kpis: {
        monthToDateMicros: mtd,
        todayMicros: totalBetween(views, today, today),
        forecastMicros: forecast(views, today),
        budgetMicros,
        budgetUsedPercent: budgetMicros ? Math.round((mtd * 1000) / budgetMicros) / 10 : null,
        lastSyncedAt: syncTimes[0] ?? null,
        otherCurrencies: otherCurrencyTotals(views, firstDayOfMonth(month), today),
      },
      // A year of days is 366 slivers: the 12-month range shows UTC weeks instead.
      daily: weekly ? weeklySeries(views, from, to, query.groupBy) : dailySeries(views, from, to, query.groupBy),
      byProject: breakdown(views, from, to, 'project'),
      byLineItem: breakdown(views, from, to, 'line_item'),
      byModel: breakdown(views, from, to, 'model'),
      monthBreakdown: { projects: monthOverMonth(views, today, 'project'), lineItems: monthOverMonth(views, today, 'line_item') },
      monthProgress: { budgetMicros, points: monthProgress(views, today) },
      usage: weekly ? weeklyUsage(usageSeries(views, from, to)) : usageSeries(views, from, to),
      monthly: this.billingHistory(views, month),
      dataSince: dataSince(views),
      paymentNotices: this.paymentNotices(),
      stateNotices: this.notices.list(),
    };
  }

  /** Cards expired or expiring within 60 days, for the dashboard's badge and the tray. */
  paymentNotices(): { methodId: string; severity: 'warning' | 'critical'; message: string }[] {
    const today = localDay(this.deps.clock.now());
    return this.settings.read().payments.methods.flatMap((m) => {
      if (!m.card) return [];
      const days = daysUntilExpiry(m.card.expMonth, m.card.expYear, today);
      if (!expiresSoon(m.card.expMonth, m.card.expYear, today)) return [];
      const name = methodName(m);
      return [
        days < 0
          ? { methodId: m.id, severity: 'critical' as const, message: `${name} has expired.` }
          : { methodId: m.id, severity: days <= 7 ? ('critical' as const) : ('warning' as const), message: `${name} expires in ${days} day${days === 1 ? '' : 's'}.` },
      ];
    });
  }

  /** Everything the Payment methods, Credits and Troubleshooting sections show. */
  paymentOverview() {
    const settings = this.settings.read();
    const now = this.deps.clock.now();
    const utcToday = this.today();
    const resolved = settings.accounts.length ? this.views.resolveAll(settings) : [];
    return {
      methods: settings.payments.methods,
      events: settings.payments.events,
      expiryAlertDays: settings.payments.expiryAlertDays,
      localToday: localDay(now),
      utcToday,
      accounts: resolved.map((r) => ({
        accountId: r.account.id,
        name: r.account.name,
        credits: settings.credits[r.account.id] ?? { entries: [], recordedBalance: null, autoRecharge: null },
        estimate: estimateBalance(settings.credits[r.account.id], spendOf([r.view]), utcToday),
      })),
      checklist: paymentChecklist(settings, resolved, utcToday, localDay(now)),
      causes: FAILED_PAYMENT_CAUSES,
    };
  }

  /** Daily costs as CSV for one account (or all), from 12 months ago (or `from`) to today (or `to`). */
  exportCsv(accountId: string, from?: string, to?: string): { fileName: string; csv: string } {
    const settings = this.settings.read();
    const today = this.today();
    const selected = this.views.select(this.views.resolveAll(settings), accountId);
    const start = from ?? firstDayOfMonth(addMonths(monthOf(today), -11));
    const end = to ?? today;
    if (start > end) throw new AppError('invalid_input', `The start day ${start} is after the end day ${end}.`);
    const label = accountId === 'all' ? 'all-accounts' : selected[0].account.name.replace(/[^A-Za-z0-9_-]+/g, '-');
    return { fileName: `spendwatch-${label}-${start}-to-${end}.csv`, csv: exportCostsCsv(selected, start, end) };
  }

  /** Twelve UTC months, newest first, each with its breakdown by project and by line item. */
  private billingHistory(views: HistoryView[], month: string) {
    const rows = [];
    for (let m = month, i = 0; i < 12; m = addMonths(m, -1), i++) {
      const [from, to] = [firstDayOfMonth(m), lastDayOfMonth(m)];
      rows.push({ month: m, totalMicros: totalBetween(views, from, to), byProject: breakdown(views, from, to, 'project'), byLineItem: breakdown(views, from, to, 'line_item') });
    }
    return rows;
  }

  /** Syncs (all or some accounts), then evaluates alerts: what a poll, "Sync now" and `spendwatch sync` do. */
  async syncAndEvaluate(accountIds?: string[]) {
    const report = await this.sync.syncAll(accountIds);
    for (const r of report.results) if (!r.ok) this.logger.warn(`Sync of account ${r.accountId} failed: ${r.error?.code}: ${r.error?.message}`);
    await this.spendControls.refreshAfterSync(report.results);
    return { ...report, alerts: this.alerts.evaluate() };
  }

  /**
   * Stores (or with null removes) an account's budget. The app re-evaluates alerts at once (a lowered
   * budget may cross a threshold); the CLI leaves that to the next sync, which reports them.
   */
  setBudget(accountIdOrName: string, input: BudgetInput | null, options: { evaluate?: boolean } = {}): { accountId: string; budget: Budget | null; alerts: Alert[] } {
    return this.updateBudget(accountIdOrName, () => input, options);
  }

  /**
   * Changes an account's budget from its current stored value, inside one settings read-modify-write
   * (under the cross-process lock), so concurrent budget changes are never lost. A change that throws
   * writes nothing.
   */
  updateBudget(
    accountIdOrName: string,
    change: (current: Budget | null) => BudgetInput | null,
    options: { evaluate?: boolean } = {},
  ): { accountId: string; budget: Budget | null; alerts: Alert[] } {
    const account = this.accounts.get(accountIdOrName);
    let budget: Budget | null = null;
    this.settings.update((s) => {
      if (!s.accounts.some((a) => a.id === account.id)) throw new AppError('not_found', `No account named "${accountIdOrName}".`);
      const input = change(s.budgets[account.id] ?? null);
      budget = input === null ? null : parseBudget(input);
      if (budget) s.budgets[account.id] = budget;
      else delete s.budgets[account.id];
    });
    const alerts = options.evaluate ? this.alerts.evaluate() : [];
    this.emit('snapshotChanged', { reason: 'budget', at: this.deps.clock.now().toISOString() });
    return { accountId: account.id, budget, alerts };
  }

  async removeAccount(idOrName: string): Promise<boolean> {
    const account = this.accounts.get(idOrName);
    const removed = await this.accounts.remove(account.id);
    this.alerts.forgetAccount(account.id);
    this.payments.forgetAccount(account.id);
    this.billing.forgetAccount(account.id);
    return removed;
  }

  /** Starts polling, and an hourly alert check for date-based alerts (a new day, a failure turning an hour old). */
  start(): void {
    this.scheduler.start();
    this.alertTimer = setInterval(() => this.alerts.evaluate(), 3_600_000);
    this.alertTimer.unref?.();
  }

  stop(): void {
    this.scheduler.pause();
    if (this.alertTimer) clearInterval(this.alertTimer);
  }

  /** Tray icon state and tooltip: month to date (and budget share) per account. */
  trayState(): { state: TrayState; tooltip: string; lines: string[] } {
    const settings = this.settings.read();
    const resolved = this.views.resolveAll(settings);
    const summaries = resolved.map((r) => this.views.summarise(r, settings, false));
    let state: TrayState = 'ok';
    const lines = summaries.map((s) => {
      const used = s.budgetUsedPercent;
      if (used !== null && used >= 100) state = 'over';
      else if (state === 'ok' && s.lastError) state = 'warning';
      else if (state === 'ok' && s.budget && ((used ?? 0) >= 80 || (s.forecastMicros ?? 0) > s.budget.monthlyMicros)) state = 'warning';
      const budgetText = used !== null ? ` (${used}% of budget)` : '';
      return `${s.name}: ${formatMoney(s.monthToDateMicros)} this month${budgetText}${s.isDemo ? ' — demo data' : ''}`;
    });
    // OpenAI itself is rejecting requests: red, whatever the budget says.
    for (const line of enforcingLines(resolved, (id) => this.spendControls.known(id), this.deps.clock.now())) {
      state = 'over';
      lines.push(line);
    }
    for (const notice of this.paymentNotices()) {
      if (notice.severity === 'critical') state = 'over';
      else if (state === 'ok') state = 'warning';
      lines.push(notice.message);
    }
    return { state, tooltip: ['Spendwatch', ...lines].join('\n'), lines };
  }

  refreshTray(): void {
    this.deps.notifier?.setTrayState(this.trayState());
  }

  requireAccount(idOrName: string) {
    const account = this.accounts.find(idOrName);
    if (!account) throw new AppError('not_found', `No account named "${idOrName}".`);
    return account;
  }
}
