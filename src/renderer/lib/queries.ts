/**
 * Every query the renderer makes, in one place: its key and how it is fetched. The cache (query-client.ts) keeps
 * the answers; one listener there refetches them when main says the snapshot changed, so no view subscribes on its
 * own. Keys start with the name of what they hold, so a whole kind can be invalidated at once.
 */
import { queryOptions, replaceEqualDeep } from '@tanstack/react-query';
import type { DashboardQuery, DashboardView, SyncProgress } from '../../shared/domain';
import type { AccountSpendControls } from '../../shared/spend-controls';
import { call } from './bridge';

export const queryKeys = {
  dashboard: (q: DashboardQuery) =>
    ['dashboard', q.accountId, q.range, q.groupBy, q.projectId || null, q.apiKeyId || null] as const,
  alerts: ['alerts'] as const,
  accounts: ['accounts'] as const,
  payments: ['payments'] as const,
  preferences: ['preferences'] as const,
  webhooks: ['webhooks'] as const,
  billingStatuses: (accountId: string) => ['billing-statuses', accountId] as const,
  reconciliation: (accountId: string, month: string) => ['reconciliation', accountId, month] as const,
  spendControls: (accountId: string) => ['spend-controls', accountId] as const,
  /** Not fetched: the listener writes main's syncProgress events here (null when no sync is under way). */
  syncProgress: ['sync-progress'] as const,
};

/** The last dashboard view the cache took in, whatever its query: see dashboardQuery. */
let lastDashboard: DashboardView | undefined;

/**
 * A dashboard view. Main announces every change to what it shows (syncs, accounts, budgets, billing, settings),
 * so a view is fresh until then: the prefetched one is used as is. Structural sharing keeps every part equal to
 * the previous answer referentially equal, against the same query's last answer or, for a query not asked before
 * (the range just switched), the last view of any: memoised sections (breakdowns, billing history, the month
 * chart) then skip re-rendering when only the range changed.
 */
export const dashboardQuery = (q: DashboardQuery) =>
  queryOptions({
    queryKey: queryKeys.dashboard(q),
    queryFn: () =>
      call('getDashboard', {
        accountId: q.accountId,
        range: q.range,
        groupBy: q.groupBy,
        ...(q.projectId ? { projectId: q.projectId } : {}),
        ...(q.apiKeyId ? { apiKeyId: q.apiKeyId } : {}),
      }),
    staleTime: Infinity,
    structuralSharing: (previous: unknown, next: unknown) =>
      (lastDashboard = replaceEqualDeep(previous ?? lastDashboard, next) as DashboardView),
  });

export const alertsQuery = queryOptions({ queryKey: queryKeys.alerts, queryFn: () => call('listAlerts', {}) });
export const accountsQuery = queryOptions({ queryKey: queryKeys.accounts, queryFn: () => call('listAccounts', {}) });
export const paymentsQuery = queryOptions({ queryKey: queryKeys.payments, queryFn: () => call('getPayments', {}) });
export const preferencesQuery = queryOptions({
  queryKey: queryKeys.preferences,
  queryFn: () => call('getPreferences', {}),
});
export const webhooksQuery = queryOptions({ queryKey: queryKeys.webhooks, queryFn: () => call('listWebhooks', {}) });

export const billingStatusesQuery = (accountId: string) =>
  queryOptions({
    queryKey: queryKeys.billingStatuses(accountId),
    queryFn: () => call('getBillingStatuses', { accountId }),
  });

export const reconciliationQuery = (accountId: string, month: string) =>
  queryOptions({
    queryKey: queryKeys.reconciliation(accountId, month),
    queryFn: () => call('getReconciliation', { accountId, month }),
  });

function isControls(value: unknown): value is AccountSpendControls {
  return Boolean(value && typeof value === 'object' && Array.isArray((value as AccountSpendControls).scopes));
}

/** `refresh` asks OpenAI first; else what Spendwatch knows. */
export async function fetchSpendControls(accountId: string, refresh: boolean): Promise<AccountSpendControls | null> {
  const value = await call('getSpendControls', { accountId, refresh });
  return isControls(value) ? value : null;
}

/**
 * OpenAI's spend controls as Spendwatch knows them. `refreshWhenShown` (Settings) asks OpenAI first when the view
 * is shown; a refetch because main announced a change reads what Spendwatch knows, as before.
 */
export const spendControlsQuery = (accountId: string, refreshWhenShown = false) =>
  queryOptions({
    queryKey: queryKeys.spendControls(accountId),
    queryFn: ({ client, queryKey }) => {
      const announced = client.getQueryState(queryKey)?.isInvalidated ?? false;
      return fetchSpendControls(accountId, refreshWhenShown && !announced);
    },
    refetchOnMount: refreshWhenShown ? 'always' : true,
  });

export const syncProgressQuery = queryOptions<SyncProgress | null>({
  queryKey: queryKeys.syncProgress,
  queryFn: () => null,
  enabled: false,
  initialData: null,
  staleTime: Infinity,
});
