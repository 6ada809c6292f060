/** Loads the dashboard view and reloads it when main says the snapshot changed (no polling). */
import { useCallback, useEffect, useState } from 'react';
import type { DashboardQuery, DashboardView, SyncProgress } from '../../shared/domain';
import { call, subscribe } from '../bridge';

export interface DashboardState {
  view: DashboardView | null;
  error: string | null;
  loading: boolean;
  progress: SyncProgress | null;
  reload: () => void;
}

export function useDashboard(query: DashboardQuery): DashboardState {
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const { accountId, range, groupBy } = query;

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    call('getDashboard', { accountId, range, groupBy })
      .then((next) => {
        if (cancelled) return;
        setView(next);
        setError(null);
      })
      .catch((e: Error) => !cancelled && setError(e.message))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [accountId, range, groupBy, version]);

  useEffect(() => {
    const offSnapshot = subscribe('snapshotChanged', () => {
      setProgress(null);
      reload();
    });
    const offProgress = subscribe('syncProgress', (p) => setProgress(p.doneDays >= p.totalDays ? null : p));
    return () => {
      offSnapshot();
      offProgress();
    };
  }, [reload]);

  return { view, error, loading, progress, reload };
}
