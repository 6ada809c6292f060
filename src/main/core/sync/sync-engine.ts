/**
 * Syncs each account's costs (and usage, and project names) into its local history.
 * First sync: a 12-month backfill with progress. Later: only a recent window, since costs settle late —
 * one Costs request when nothing else changed. One account's failure never touches another's data:
 * all fetches of an account complete before any of its history changes.
 */
import { addDays, addMonths, dayFromMs, firstDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { SyncReport } from '../../../shared/domain';
import { toErrorInfo } from '../errors';
import { ROWS_FORMAT, type HistoryStore, type SyncState } from '../history/history-store';
import type { Clock, EventSink, SecretVault } from '../ports';
import type { SpendProvider } from '../providers/provider';
import { NameDirectory, optional } from './name-directory';
import type { ProviderFactory } from '../providers/provider-factory';
import type { SettingsRepository, StoredAccount } from '../settings/settings';
import { requireApiKey } from '../vault/require-api-key';
import type { StateNotices } from '../fs/state-notices';
import { WHOLE_HISTORY, type CostRow } from '../history/types';
import { isDue } from '../../../shared/elapsed';
import { withoutKey } from '../../../shared/redact';

export interface SyncEngineOptions {
  /** Days before today refetched on every poll (costs settle late). */
  settleDays: number;
  /** Calendar months covered by the first sync, the current one included. */
  backfillMonths: number;
  /** Usage is refetched when costs changed, or when it is older than this. */
  usageMaxAgeMs: number;
}

const DEFAULT_SYNC_OPTIONS: SyncEngineOptions = {
  settleDays: 3,
  backfillMonths: 12,
  usageMaxAgeMs: 6 * 3_600_000,
};

export type { ProviderFactory } from '../providers/provider-factory';

export interface AccountSyncResult {
  accountId: string;
  name: string;
  ok: boolean;
  requests: number;
  error: ReturnType<typeof toErrorInfo> | null;
  changedDays: UtcDay[];
  /** Days of costs or usage written to history in this run (a poll writes only the days that changed). */
  daysWritten: number;
  /** Damaged history (a month file, or the database: month "all") moved aside and refetched in this run. */
  repaired: { month: string; movedTo: string; reason: string }[];
  /** What a secondary fetch (usage, project names) could not do in this run, as saved in the sync state. */
  warning: string | null;
  /** A scheduled poll found, once it held the lock, that another process had just synced the account: nothing fetched. */
  skipped?: boolean;
}

export class SyncEngine {
  private readonly running = new Map<string, Promise<AccountSyncResult>>();
  private readonly options: SyncEngineOptions;

  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      vault: SecretVault;
      history: HistoryStore;
      clock: Clock;
      createProvider: ProviderFactory;
      emit: EventSink;
      /** Where repairs made by a sync are reported (CLI stderr, the app's banner, the log). */
      notices?: StateNotices;
    },
    options: Partial<SyncEngineOptions> = {},
  ) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...options };
  }

  isSyncing(accountId: string): boolean {
    return this.running.has(accountId);
  }

  /** Syncs every account (one after another, to be gentle with rate limits) and reports each. */
  async syncAll(
    accountIds?: string[],
    stillDue?: (accountId: string) => boolean,
  ): Promise<SyncReport & { results: AccountSyncResult[] }> {
    const accounts = this.deps.settings.read().accounts.filter((a) => !accountIds || accountIds.includes(a.id));
    const results: AccountSyncResult[] = [];
    for (const account of accounts) {
      const result = await this.syncAccount(account, stillDue);
      // Synced meanwhile by another process: nothing to report, save or announce.
      if (!result.skipped) results.push(result);
    }
    if (results.length) this.deps.emit('snapshotChanged', { reason: 'sync', at: this.deps.clock.now().toISOString() });
    return {
      results,
      accounts: results.map(({ accountId, name, ok, requests, error }) => ({ accountId, name, ok, requests, error })),
    };
  }

  /** Concurrent calls for the same account share one run. */
  syncAccount(account: StoredAccount, stillDue?: (accountId: string) => boolean): Promise<AccountSyncResult> {
    const existing = this.running.get(account.id);
    if (existing) return existing;
    const run = this.run(account, stillDue).finally(() => this.running.delete(account.id));
    this.running.set(account.id, run);
    return run;
  }

  /**
   * One writer per account across processes: the sync holds the account's history lock from reading its
   * state to writing it, on history reloaded from disk under the lock (another process may have synced).
   */
  private async run(account: StoredAccount, stillDue?: (accountId: string) => boolean): Promise<AccountSyncResult> {
    try {
      // A poll asks again under the lock: the app and `serve` on one data dir may both have found the account due,
      // and the second to get the lock must not fetch what the first just did.
      return await this.deps.history.withAccountLock(account.id, () =>
        stillDue && !stillDue(account.id) ? Promise.resolve(skippedSync(account)) : this.runLocked(account),
      );
    } catch (error) {
      // The lock or the history could not be prepared (another process kept it, a disk that fails): this account
      // failed, and the others still sync.
      return failedSync(account, toErrorInfo(error), 0);
    }
  }

  private async runLocked(account: StoredAccount): Promise<AccountSyncResult> {
    const { history: store, clock } = this.deps;
    const state = store.readState(account.id);
    store.load(account.id);
    // Damaged months found by any process (e.g. a `status` that never syncs) are refetched whole.
    const repaired = store.pendingRepairs(account.id);
    const now = clock.now();
    let provider: SpendProvider | undefined;
    let apiKey: string | null = null;
    try {
      apiKey = await requireApiKey(this.deps.vault, account);
      provider = this.deps.createProvider(account, apiKey);
      const outcome = await this.fetchAndApply(
        account,
        state,
        provider,
        now,
        repaired.map((r) => r.month),
      );
      const next: SyncState = {
        ...outcome.state,
        warning: outcome.state.warning ? withoutKey(outcome.state.warning, apiKey) : null,
        lastSuccessAt: now.toISOString(),
        lastAttemptAt: now.toISOString(),
        lastError: null,
        consecutiveFailures: 0,
        firstFailureAt: null,
      };
      const daysWritten = store.save(account.id);
      store.writeState(account.id, next);
      store.clearCorrupt(
        account.id,
        repaired.map((r) => r.month),
      );
      for (const r of repaired) {
        const what = r.month === WHOLE_HISTORY ? 'the stored history' : `history for ${r.month}`;
        this.deps.notices?.add(
          `${account.name}: ${what} was damaged (${r.reason}). It was moved to ${r.movedTo} and fetched again.`,
        );
      }
      return {
        accountId: account.id,
        name: account.name,
        ok: true,
        requests: provider.requestCount,
        error: null,
        changedDays: outcome.changedDays,
        daysWritten,
        repaired,
        warning: next.warning ?? null,
      };
    } catch (error) {
      store.discardChanges(account.id);
      // A server that echoes the key back (in any shape the key rule might not know) never gets it stored.
      const raw = toErrorInfo(error);
      const info = { ...raw, message: withoutKey(raw.message, apiKey) };
      try {
        store.writeState(account.id, {
          ...state,
          lastAttemptAt: now.toISOString(),
          lastError: info,
          consecutiveFailures: state.consecutiveFailures + 1,
          failuresTotal: state.failuresTotal + 1,
          firstFailureAt: state.firstFailureAt ?? now.toISOString(),
        });
      } catch {
        // A full or read-only disk: the failure is still reported to the caller, just not remembered.
      }
      return failedSync(account, info, provider?.requestCount ?? 0);
    }
  }

  private async fetchAndApply(
    account: StoredAccount,
    state: SyncState,
    provider: SpendProvider,
    now: Date,
    repairMonths: string[],
  ) {
    const { history: store } = this.deps;
    const { history } = store.load(account.id);
    const today = dayFromMs(now.getTime());
    // A history fetched in an older rows format (no API keys) is fetched again once, as a first sync is.
    const backfill =
      !state.backfilledFrom ||
      history.dayCount === 0 ||
      repairMonths.includes(WHOLE_HISTORY) ||
      state.rowsFormat < ROWS_FORMAT;
    const from = this.windowStart(state, today, backfill, repairMonths);
    const range = { from, toExclusive: addDays(today, 1) };
    const phase = backfill ? 'backfill' : 'incremental';

    // Each page's days are staged as they come (rows on disk, not in memory); they become history only when the
    // sync saves, after everything was fetched and validated. A sync that fails before that changes nothing.
    const changed = new Set<UtcDay>();
    const projectIds = new Set<string>();
    /** Each API key id seen, with a project it spent in (OpenAI lists keys per project). */
    const keyProjects = new Map<string, string | null>();
    const costs = await provider.fetchCosts(
      range,
      (doneDays, totalDays) => this.deps.emit('syncProgress', { accountId: account.id, phase, doneDays, totalDays }),
      (days, partialDays) => {
        for (const day of partialDays) days.set(day, keepUnreplaced(history.costRows(day) ?? [], days.get(day) ?? []));
        for (const rows of days.values()) {
          for (const row of rows) {
            if (row.projectId) projectIds.add(row.projectId);
            if (row.apiKeyId && !keyProjects.has(row.apiKeyId)) keyProjects.set(row.apiKeyId, row.projectId);
          }
        }
        for (const day of history.replaceCosts(days)) changed.add(day);
      },
    );
    const warnings = [...costs.warnings];
    const known = { ...state.projects, ...Object.fromEntries(costs.projectNames) };
    const names = new NameDirectory(provider, now, warnings);
    const projects = await names.projects({ ...state, projects: known }, projectIds);
    const usageStale = isDue(state.usageFetchedAt, now.getTime(), this.options.usageMaxAgeMs);
    const usage =
      backfill || changed.size > 0 || usageStale
        ? await optional(() => provider.fetchUsage(range), 'Token usage', warnings)
        : undefined;
    if (usage) history.replaceUsage(usage);
    const userIds = new Set<string>();
    for (const rows of usage?.values() ?? []) {
      for (const row of rows) {
        if (row.apiKeyId && !keyProjects.has(row.apiKeyId)) keyProjects.set(row.apiKeyId, row.projectId ?? null);
        if (row.userId) userIds.add(row.userId);
      }
    }
    const apiKeys = await names.apiKeys(state, keyProjects);
    const users = await names.users(state, userIds);
    const changedDays = [...changed].sort();
    return {
      changedDays,
      state: {
        ...state,
        currency: costs.currency,
        backfilledFrom: backfill ? from : state.backfilledFrom,
        usageFetchedAt: usage ? now.toISOString() : state.usageFetchedAt,
        projects: projects ?? known,
        projectsFetchedAt: projects ? now.toISOString() : state.projectsFetchedAt,
        rowsFormat: backfill ? ROWS_FORMAT : state.rowsFormat,
        apiKeys: apiKeys ?? state.apiKeys,
        apiKeysFetchedAt: apiKeys ? now.toISOString() : state.apiKeysFetchedAt,
        users: users ?? state.users,
        usersFetchedAt: users ? now.toISOString() : state.usersFetchedAt,
        warning: warnings.length ? warnings.join(' ') : null,
      },
    };
  }

  private windowStart(state: SyncState, today: UtcDay, backfill: boolean, corruptMonths: string[]): UtcDay {
    if (backfill) return firstDayOfMonth(addMonths(monthOf(today), -(this.options.backfillMonths - 1)));
    let from = addDays(today, -this.options.settleDays);
    // After a long pause, catch up from the last successful day.
    if (state.lastSuccessAt) {
      const at = Date.parse(state.lastSuccessAt);
      const lastDay = Number.isFinite(at) ? addDays(dayFromMs(at), -this.options.settleDays) : from;
      if (lastDay < from) from = lastDay;
    }
    for (const month of corruptMonths)
      if (month !== WHOLE_HISTORY && firstDayOfMonth(month) < from) from = firstDayOfMonth(month);
    if (state.backfilledFrom && from < state.backfilledFrom) from = state.backfilledFrom;
    // A clock set back before the backfill's start (or a last success "in the future") must never ask for a
    // reversed or empty range: today is always in it.
    return from > today ? today : from;
  }
}

function skippedSync(account: StoredAccount): AccountSyncResult {
  return {
    accountId: account.id,
    name: account.name,
    ok: true,
    requests: 0,
    error: null,
    changedDays: [],
    daysWritten: 0,
    repaired: [],
    warning: null,
    skipped: true,
  };
}

function failedSync(account: StoredAccount, error: AccountSyncResult['error'], requests: number): AccountSyncResult {
  return {
    accountId: account.id,
    name: account.name,
    ok: false,
    requests,
    error,
    changedDays: [],
    daysWritten: 0,
    repaired: [],
    warning: null,
  };
}

/**
 * A day some of whose refetched rows could not be read: the readable rows replace the stored rows of the same
 * project, line item and currency, and every other stored row is kept — a bad row never wipes good history.
 */
function keepUnreplaced(stored: CostRow[], fresh: CostRow[]): CostRow[] {
  const key = (row: CostRow) => JSON.stringify([row.projectId, row.lineItem, row.apiKeyId ?? null, row.currency]);
  const replaced = new Set(fresh.map(key));
  return [...fresh, ...stored.filter((row) => !replaced.has(key(row)))];
}
