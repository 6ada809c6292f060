/**
 * Polls on an interval (default 15 min) with jitter; an account that keeps failing is retried less
 * often (exponential backoff, capped). Paused while the machine sleeps or is offline.
 */
import { timerDelay } from '../../../shared/elapsed';
import type { Clock } from '../ports';
import type { HistoryStore } from '../history/history-store';
import type { SettingsRepository } from '../settings/settings';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const nodeTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const MAX_BACKOFF_MS = 4 * 3_600_000;
const JITTER = 0.1;

export class SyncScheduler {
  private handle: unknown;
  private paused = true;
  private ticking = false;

  constructor(
    private readonly deps: {
      /** Syncs the given accounts (and evaluates alerts afterwards). */
      run: (accountIds: string[]) => Promise<unknown>;
      settings: SettingsRepository;
      history: HistoryStore;
      clock: Clock;
      timers?: Timers;
      random?: () => number;
    },
  ) {}

  private get timers(): Timers {
    return this.deps.timers ?? nodeTimers;
  }

  start(): void {
    this.paused = false;
    this.schedule(0);
  }

  /** On sleep or when the network goes away. */
  pause(): void {
    this.paused = true;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** On wake or when the network comes back: sync soon, then resume the rhythm. */
  resume(): void {
    this.paused = false;
    this.schedule(5_000);
  }

  /**
   * When the account is next due, from its last attempt and its failure count. A last attempt in the future (the
   * clock ran ahead, then was corrected) is due now: waiting for it would stop polling for weeks.
   */
  nextDueAt(accountId: string): number {
    const state = this.deps.history.readState(accountId);
    const last = state.lastAttemptAt ? Date.parse(state.lastAttemptAt) : NaN;
    if (!Number.isFinite(last) || last > this.deps.clock.now().getTime()) return 0;
    const interval = this.deps.settings.read().general.pollMinutes * 60_000;
    const backoff = Math.min(MAX_BACKOFF_MS, interval * 2 ** Math.min(state.consecutiveFailures, 8));
    return last + Math.max(interval, state.consecutiveFailures ? backoff : interval);
  }

  /** Syncs the accounts that are due, then sleeps until the next one is. */
  async tick(): Promise<void> {
    if (this.ticking || this.paused) return;
    this.ticking = true;
    try {
      const now = this.deps.clock.now().getTime();
      const due = this.deps.settings
        .read()
        .accounts.filter((a) => this.nextDueAt(a.id) <= now)
        .map((a) => a.id);
      if (due.length) await this.deps.run(due);
    } finally {
      this.ticking = false;
      if (!this.paused) this.schedule(this.delayUntilNext());
    }
  }

  private delayUntilNext(): number {
    const now = this.deps.clock.now().getTime();
    const accounts = this.deps.settings.read().accounts;
    const interval = this.deps.settings.read().general.pollMinutes * 60_000;
    const next = accounts.length ? Math.min(...accounts.map((a) => this.nextDueAt(a.id))) : now + interval;
    const jitter = 1 + ((this.deps.random ?? Math.random)() * 2 - 1) * JITTER;
    // Capped (timerDelay): a delay past 2³¹ ms would fire at once, and a long sleep would miss a clock jump.
    return Math.max(1_000, timerDelay((next - now) * jitter));
  }

  private schedule(ms: number): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      void this.tick();
    }, timerDelay(ms));
  }
}
