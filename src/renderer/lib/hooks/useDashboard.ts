/** Loads the dashboard view and reloads it when main says the snapshot changed (no polling). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardQuery, DashboardView, SyncProgress } from '../../../shared/domain';
import { call, subscribe } from '../bridge';
import { queryKey, takeArrived, takePrefetched } from './prefetch';

export interface DashboardState {
  view: DashboardView | null;
  error: string | null;
  loading: boolean;
  progress: SyncProgress | null;
  reload: () => void;
}

interface Loaded {
  key: string;
  view: DashboardView | null;
  error: string | null;
}

export function useDashboard(query: DashboardQuery): DashboardState {
  const { accountId, range, groupBy, projectId, apiKeyId } = query;
  // What the shown view was loaded for: the query, and which reload of it.
  const viewKey = (version: number) => `${queryKey(query)}|${version}`;
  // The prefetched view, if it arrived while the renderer started: then the first render has the figures.
  const [loaded, setLoaded] = useState<Loaded>(() => {
    const arrived = takeArrived({ accountId, range, groupBy, projectId, apiKeyId });
    return arrived ? { key: viewKey(0), view: arrived, error: null } : { key: '', view: null, error: null };
  });
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const key = viewKey(version);
  // The key the first render already has figures for (the prefetched view): its load is done.
  const prefetchedKey = useRef(loaded.view ? loaded.key : null);

  useEffect(() => {
    if (prefetchedKey.current === key) {
      prefetchedKey.current = null;
      return;
    }
    let cancelled = false;
    const query = { accountId, range, groupBy, ...(projectId ? { projectId } : {}), ...(apiKeyId ? { apiKeyId } : {}) };
    (takePrefetched(query) ?? call('getDashboard', query)).then(
      (view) => !cancelled && setLoaded((prev) => ({ key, view: keepUnchangedParts(prev.view, view), error: null })),
      (e: Error) => !cancelled && setLoaded((prev) => ({ key, view: prev.view, error: e.message })),
    );
    return () => {
      cancelled = true;
    };
  }, [accountId, range, groupBy, projectId, apiKeyId, key]);

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

  // For the UI benchmark (npm run bench:ui): when the first figures reached the screen.
  useEffect(() => {
    if (loaded.view && performance.getEntriesByName('spendwatch:first-dashboard').length === 0)
      performance.mark('spendwatch:first-dashboard');
  }, [loaded.view]);

  // The previous view stays on screen while the next one loads, so switching ranges never flashes.
  return { view: loaded.view, error: loaded.error, loading: loaded.key !== key, progress, reload };
}

/**
 * Keeps the previous object for every part of the view that did not change, so memoised sections
 * (billing history, breakdowns, the month chart) skip re-rendering when only the range changed.
 */
function keepUnchangedParts(previous: DashboardView | null, next: DashboardView): DashboardView {
  if (!previous) return next;
  const merged: Record<string, unknown> = { ...next };
  for (const key of Object.keys(next) as (keyof DashboardView)[]) {
    if (JSON.stringify(previous[key]) === JSON.stringify(next[key])) merged[key] = previous[key];
  }
  return merged as DashboardView;
}
