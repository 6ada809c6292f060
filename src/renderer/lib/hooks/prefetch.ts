/**
 * The first dashboard request starts before React is even evaluated (start-prefetch.ts), so its round trip
 * to main overlaps the renderer's start-up. useDashboard takes the prefetched answer for the same query,
 * once: as a value if it has already arrived (then the first render already shows the figures, with no
 * skeleton in between), else as the pending promise.
 */
import type { DashboardQuery, DashboardView } from '../../../shared/domain';
import { call } from '../bridge';

let pending: { key: string; promise: Promise<DashboardView>; value?: DashboardView } | undefined;

export const queryKey = (q: DashboardQuery): string =>
  `${q.accountId}|${q.range}|${q.groupBy}|${q.projectId ?? ''}|${q.apiKeyId ?? ''}`;

export function prefetchDashboard(query: DashboardQuery): void {
  const entry: NonNullable<typeof pending> = { key: queryKey(query), promise: call('getDashboard', query) };
  entry.promise.then(
    (view) => {
      entry.value = view;
    },
    () => undefined, // a failure is reported when useDashboard asks for it
  );
  pending = entry;
}

/** The prefetched answer for this query if it has already arrived (and is not yet taken). */
export function takeArrived(query: DashboardQuery): DashboardView | undefined {
  if (!pending || pending.key !== queryKey(query) || pending.value === undefined) return undefined;
  const { value } = pending;
  pending = undefined;
  return value;
}

/** The prefetched request for this query, if there is one not yet taken. */
export function takePrefetched(query: DashboardQuery): Promise<DashboardView> | undefined {
  if (!pending || pending.key !== queryKey(query)) return undefined;
  const { promise } = pending;
  pending = undefined;
  return promise;
}
