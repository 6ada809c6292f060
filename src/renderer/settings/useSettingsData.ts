/** Everything the settings sections show, reloaded whenever main says something changed. */
import { useCallback, useEffect, useState } from 'react';
import type { AccountInfo } from '../../shared/domain';
import type { ChannelOutput } from '../../shared/ipc-contract';
import { call, subscribe } from '../lib/bridge';

export interface SettingsData {
  accounts: AccountInfo[];
  payments: ChannelOutput<'getPayments'>;
  preferences: ChannelOutput<'getPreferences'>;
  summaries: ChannelOutput<'getDashboard'>['accounts'];
  /** Damaged local files moved aside (issue 10): explained on every section until the app restarts. */
  stateNotices: { at: string; message: string }[];
}

export function useSettingsData(): { data: SettingsData | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<SettingsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    Promise.all([
      call('listAccounts', {}),
      call('getPayments', {}),
      call('getPreferences', {}),
      call('getDashboard', { accountId: 'all', range: '7d', groupBy: 'model' }),
    ])
      .then(([accounts, payments, preferences, dashboard]) => {
        setData({
          accounts,
          payments,
          preferences,
          summaries: dashboard.isDemo ? [] : dashboard.accounts,
          stateNotices: dashboard.stateNotices ?? [],
        });
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    reload();
    return subscribe('snapshotChanged', reload);
  }, [reload]);
  return { data, error, reload };
}
