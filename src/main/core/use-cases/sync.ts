/**
 * Syncing: one run fetches each account's new costs, then refreshes OpenAI's spend limits and evaluates
 * alerts. A poll, the tray's "Sync now", the app's button and `spendwatch sync` all run exactly this.
 */
import type { Alert } from '../../../shared/domain';
import type { AlertEngine } from '../alerts/alert-engine';
import type { HistoryStore } from '../history/history-store';
import type { Clock, Logger } from '../ports';
import type { SettingsRepository } from '../settings/settings';
import type { SpendControlsService } from '../spend-controls/spend-controls-service';
import { SyncScheduler, type Timers } from '../sync/scheduler';
import type { AccountSyncResult, SyncEngine } from '../sync/sync-engine';
import type { WebhookService } from '../webhooks/webhook-service';

export interface SyncRun {
  accounts: Awaited<ReturnType<SyncEngine['syncAll']>>['accounts'];
  /** Per account; `warning` is what a successful sync could not fetch (usage, project names). */
  results: AccountSyncResult[];
  /** The alerts this run raised. */
  alerts: Alert[];
}

/** Date-based alerts (a new day, a failure turning an hour old) are checked hourly between syncs. */
const ALERT_CHECK_MS = 3_600_000;

export class SyncUseCase {
  private readonly scheduler: SyncScheduler;
  private alertTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly deps: {
      engine: SyncEngine;
      spendControls: SpendControlsService;
      alerts: AlertEngine;
      history: HistoryStore;
      settings: SettingsRepository;
      clock: Clock;
      logger: Logger;
      timers?: Timers;
      webhooks: WebhookService;
    },
  ) {
    this.scheduler = new SyncScheduler({
      run: (ids) => this.poll(ids),
      settings: deps.settings,
      history: deps.history,
      clock: deps.clock,
      timers: deps.timers,
    });
  }

  /** Syncs all accounts (or these ids), then refreshes spend limits and evaluates alerts. */
  run(accountIds?: string[]): Promise<SyncRun> {
    return this.track(this.runOnce(accountIds));
  }

  /** A scheduled poll: an account another process synced meanwhile (the app and `serve` share a data dir) is skipped. */
  private poll(accountIds: string[]): Promise<SyncRun> {
    const now = this.deps.clock.now().getTime();
    return this.track(this.runOnce(accountIds, (id) => this.scheduler.nextDueAt(id) <= now));
  }

  private async runOnce(accountIds?: string[], stillDue?: (accountId: string) => boolean): Promise<SyncRun> {
    const { engine, spendControls, alerts, logger } = this.deps;
    const report = await engine.syncAll(accountIds, stillDue);
    for (const r of report.results)
      if (!r.ok) logger.warn(`Sync of account ${r.accountId} failed: ${r.error?.code}: ${r.error?.message}`);
    await spendControls.refreshAfterSync(report.results);
    return { accounts: report.accounts, results: report.results, alerts: alerts.evaluate() };
  }

  private readonly inFlight = new Set<Promise<unknown>>();
  private track<T>(run: Promise<T>): Promise<T> {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  /** Resolves when no sync of this process is running (a server stopping waits for its poll to save). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  isSyncing(accountId: string): boolean {
    return this.deps.engine.isSyncing(accountId);
  }

  /** Starts polling, the hourly alert check and the webhook retries. */
  start(): void {
    this.scheduler.start();
    this.deps.webhooks.startRetries();
    this.alertTimer = setInterval(() => this.deps.alerts.evaluate(), ALERT_CHECK_MS);
    this.alertTimer.unref?.();
  }

  stop(): void {
    this.scheduler.pause();
    this.deps.webhooks.stopRetries();
    if (this.alertTimer) clearInterval(this.alertTimer);
    this.alertTimer = undefined;
  }

  /** Asleep or offline: no polls until resumed. */
  pause(): void {
    this.scheduler.pause();
  }

  resume(): void {
    this.scheduler.resume();
  }
}
