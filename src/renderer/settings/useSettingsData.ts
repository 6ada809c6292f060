/** Everything the settings sections show, from the query cache: refetched whenever main says something changed. */
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { AccountInfo } from '../../shared/domain';
import type { ChannelOutput } from '../../shared/ipc-contract';
import { accountsQuery, dashboardQuery, paymentsQuery, preferencesQuery } from '../lib/queries';

export interface SettingsData {
  accounts: AccountInfo[];
  payments: ChannelOutput<'getPayments'>;
  preferences: ChannelOutput<'getPreferences'>;
  summaries: ChannelOutput<'getDashboard'>['accounts'];
  /** Damaged local files moved aside (issue 10): explained on every section until the app restarts. */
  stateNotices: { at: string; message: string }[];
}

interface SettingsState {
  data: SettingsData | null;
  error: string | null;
  reload: () => void;
}

const QUERIES = [
  accountsQuery,
  paymentsQuery,
  preferencesQuery,
  dashboardQuery({ accountId: 'all', range: '7d', groupBy: 'model' }),
] as const;

type Results = [
  UseQueryResult<SettingsData['accounts']>,
  UseQueryResult<SettingsData['payments']>,
  UseQueryResult<SettingsData['preferences']>,
  UseQueryResult<ChannelOutput<'getDashboard'>>,
];

/** Shown once all four have answered; an error from any of them is said. */
function combine(results: Results): SettingsState {
  const [accounts, payments, preferences, dashboard] = results;
  const error = results.find((r) => r.error)?.error?.message ?? null;
  const reload = () => results.forEach((r) => void r.refetch());
  if (!accounts.data || !payments.data || !preferences.data || !dashboard.data) return { data: null, error, reload };
  return {
    data: {
      accounts: accounts.data,
      payments: payments.data,
      preferences: preferences.data,
      summaries: dashboard.data.isDemo ? [] : dashboard.data.accounts,
      stateNotices: dashboard.data.stateNotices ?? [],
    },
    error,
    reload,
  };
}

export function useSettingsData(): SettingsState {
  return useQueries({ queries: QUERIES, combine: combine as (results: UseQueryResult[]) => SettingsState });
}
