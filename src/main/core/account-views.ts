/**
 * Resolves which histories a view covers: the configured accounts, or the demo organisation when
 * there are none. Also computes each account's summary (month to date, forecast, budget, staleness).
 */
import { WHOLE_HISTORY } from './history/types';
import { isDue } from '../../shared/elapsed';
import { dayFromMs } from '../../shared/dates';
import { ALL_ACCOUNTS, type AccountSummary, type Budget } from '../../shared/domain';
import { budgetUsage } from '../../shared/budget-state';
import { forecast, monthToDate, totalBetween, type HistoryView } from './aggregate/aggregations';
import { dataSince } from './aggregate/data-since';
import {
  DEMO_ACCOUNT_ID,
  DEMO_ACCOUNT_NAME,
  DEMO_API_KEYS,
  DEMO_PROJECTS,
  demoHistory,
} from './demo/demo-organisation';
import { requireAccount } from './accounts/account-lookup';
import type { AccountHistory } from './history/account-history';
import type { HistoryStore } from './history/history-store';
import type { Clock } from './ports';
import type { Settings, StoredAccount } from './settings/settings';

export interface ResolvedAccount {
  account: StoredAccount;
  view: HistoryView;
  isDemo: boolean;
  lastSyncedAt: string | null;
  lastError: AccountSummary['lastError'];
  firstFailureAt: string | null;
  /** Every failed sync so far, by any process (`spendwatch_sync_failures_total`). */
  failuresTotal: number;
  warning: string | null;
  /** A damaged month file awaits its refetch: figures are missing that month. */
  repairPending?: boolean;
  budget: Budget | null;
}

const DEMO_ACCOUNT: StoredAccount = {
  id: DEMO_ACCOUNT_ID,
  name: DEMO_ACCOUNT_NAME,
  provider: 'openai',
  baseUrl: 'demo',
  keyHint: 'Demo data',
  createdAt: '1970-01-01T00:00:00.000Z',
};

export class AccountViews {
  constructor(
    private readonly history: HistoryStore,
    private readonly clock: Clock,
  ) {}

  resolveAll(settings: Settings): ResolvedAccount[] {
    if (settings.accounts.length === 0) return [this.demo()];
    return settings.accounts.map((account) => {
      const state = this.history.readState(account.id);
      const history = this.history.load(account.id).history;
      // A damaged month waiting to be refetched is missing from the figures: say so, never a silent $0.00.
      const repairs = this.history.pendingRepairs(account.id).map((r) => r.month);
      const repairWarning = repairs.includes(WHOLE_HISTORY)
        ? 'The stored history was damaged and is left out of these figures until the next sync fetches it again.'
        : repairs.length
          ? `History for ${repairs.join(', ')} was damaged and is left out of these figures until the next sync fetches it again.`
          : null;
      return {
        account,
        view: {
          history,
          projectNames: state.projects,
          provider: account.provider,
          apiKeys: state.apiKeys,
          users: state.users,
        },
        isDemo: false,
        lastSyncedAt: state.lastSuccessAt,
        lastError: state.lastError,
        firstFailureAt: state.firstFailureAt,
        failuresTotal: state.failuresTotal,
        warning: [repairWarning, state.warning].filter(Boolean).join(' ') || null,
        repairPending: repairs.length > 0,
        budget: settings.budgets[account.id] ?? null,
      };
    });
  }

  /** The accounts a query covers, from the resolved list: one by id or name, or all of them. */
  select(all: ResolvedAccount[], accountId: string): ResolvedAccount[] {
    if (accountId === ALL_ACCOUNTS) return all;
    const wanted = requireAccount(
      all.map((r) => r.account),
      accountId,
    );
    return all.filter((r) => r.account === wanted);
  }

  summarise(resolved: ResolvedAccount, settings: Settings, syncing: boolean): AccountSummary {
    const now = this.clock.now();
    const today = dayFromMs(now.getTime());
    const views = [resolved.view];
    const mtd = monthToDate(views, today);
    const forecastMicros = forecast(views, today);
    const usage = resolved.budget ? budgetUsage(mtd, resolved.budget.monthlyMicros, forecastMicros) : null;
    const pollMs = settings.general.pollMinutes * 60_000;
    const stale =
      !resolved.isDemo &&
      (resolved.lastError !== null ||
        resolved.repairPending === true ||
        isDue(resolved.lastSyncedAt, now.getTime(), Math.max(3 * pollMs, 3_600_000) + 1));
    return {
      id: resolved.account.id,
      name: resolved.account.name,
      provider: resolved.account.provider,
      keyHint: resolved.account.keyHint,
      isDemo: resolved.isDemo,
      lastSyncedAt: resolved.lastSyncedAt,
      lastError: resolved.lastError,
      warning: resolved.warning,
      stale,
      syncing,
      monthToDateMicros: mtd,
      todayMicros: totalBetween(views, today, today),
      forecastMicros,
      budget: resolved.budget,
      budgetUsedPercent: usage?.usedPercent ?? null,
      budgetState: usage?.state ?? null,
      dataSince: dataSince(views),
    };
  }

  /** The demo history, rebuilt only when its quarter-hour changes (today's partial day grows with it). */
  private demoCache: { key: string; history: AccountHistory } | undefined;

  private demo(): ResolvedAccount {
    const now = this.clock.now();
    const today = dayFromMs(now.getTime());
    const quarter = Math.floor((now.getTime() % 86_400_000) / 900_000);
    const key = `${today}|${quarter}`;
    if (this.demoCache?.key !== key) this.demoCache = { key, history: demoHistory(today, (quarter + 1) / 96) };
    return {
      account: DEMO_ACCOUNT,
      view: { history: this.demoCache.history, projectNames: DEMO_PROJECTS, apiKeys: DEMO_API_KEYS },
      isDemo: true,
      lastSyncedAt: now.toISOString(),
      lastError: null,
      firstFailureAt: null,
      failuresTotal: 0,
      warning: null,
      budget: null,
    };
  }
}
