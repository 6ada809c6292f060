/**
 * The renderer's one data layer: a TanStack Query cache per window, and the one listener that keeps it current.
 * Main announces every change (snapshotChanged, from whichever door it came: this window, another one, the CLI,
 * a sync), so nothing polls and no view subscribes on its own: the listener marks every answer stale and the
 * views on screen fetch theirs again.
 */
import { QueryClient } from '@tanstack/react-query';
import { subscribe } from './bridge';
import { takePrefetched } from './hooks/prefetch';
import { dashboardQuery, queryKeys } from './queries';

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        // What main answers is shown as it answers: an error at once (no retries), and no refetch on focus or
        // reconnect (main says when something changed). A view shown again asks again, as it always did.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
  seedPrefetched(client);
  return client;
}

/**
 * The dashboard request start-prefetch.ts sent before React started, taken into the cache: as the view if it
 * has arrived (the first render then has the figures), else as the fetch under way (no second request).
 */
function seedPrefetched(client: QueryClient): void {
  const prefetched = takePrefetched();
  if (!prefetched) return;
  const options = dashboardQuery(prefetched.query);
  if (prefetched.value !== undefined) client.setQueryData(options.queryKey, prefetched.value);
  else void client.prefetchQuery({ ...options, queryFn: () => prefetched.promise });
}

/** The one listener for main's events; returns the function that stops it. */
export function listenForChanges(client: QueryClient): () => void {
  if (!window.spendwatch) return () => undefined;
  const offs = [
    subscribe('snapshotChanged', () => {
      client.setQueryData(queryKeys.syncProgress, null);
      // Every reason refetches every view: the dashboard view is computed from the whole settings file, so no
      // reason leaves it unchanged for certain.
      void client.invalidateQueries();
    }),
    subscribe('alertRaised', () => void client.invalidateQueries({ queryKey: queryKeys.alerts })),
    subscribe('syncProgress', (p) => client.setQueryData(queryKeys.syncProgress, p.doneDays >= p.totalDays ? null : p)),
  ];
  return () => offs.forEach((off) => off());
}
