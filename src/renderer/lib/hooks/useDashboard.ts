/** The dashboard view from the window's query cache, refetched when main says the snapshot changed (no polling). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { DashboardQuery, DashboardView, SyncProgress } from '../../../shared/domain';
import { dashboardQuery, syncProgressQuery } from '../queries';

export interface DashboardState {
  view: DashboardView | null;
  error: string | null;
  loading: boolean;
  progress: SyncProgress | null;
  reload: () => void;
}

export function useDashboard(query: DashboardQuery): DashboardState {
  // The previous view stays on screen while the next one loads, so switching ranges never flashes.
  const result = useQuery({ ...dashboardQuery(query), placeholderData: keepPreviousData });
  const { data: progress } = useQuery(syncProgressQuery);
  const { refetch } = result;
  const reload = useCallback(() => void refetch(), [refetch]);
  // ...and when the next one fails, the one shown before stays with the error.
  const [shown, setShown] = useState<DashboardView | null>(result.data ?? null);
  if (result.data !== undefined && result.data !== shown) setShown(result.data);
  const view = result.data ?? shown;

  // For the UI benchmark (npm run bench:ui): when the first figures reached the screen.
  useEffect(() => {
    if (view && performance.getEntriesByName('spendwatch:first-dashboard').length === 0)
      performance.mark('spendwatch:first-dashboard');
  }, [view]);

  return {
    view,
    error: result.error ? result.error.message : null,
    loading: result.isFetching,
    progress,
    reload,
  };
}
