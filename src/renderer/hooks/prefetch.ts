/**
 * The first dashboard request starts before React renders, so its round trip to main overlaps
 * React's start-up. useDashboard takes the prefetched answer for the same query, once.
 */
import type { DashboardQuery, DashboardView } from '../../shared/domain';
import { call } from '../bridge';

let pending: { key: string; promise: Promise<DashboardView> } | undefined;

export const queryKey = (q: DashboardQuery): string => `${q.accountId}|${q.range}|${q.groupBy}`;

export function prefetchDashboard(query: DashboardQuery): void {
  const promise = call('getDashboard', query);
  promise.catch(() => undefined); // a failure is reported when useDashboard asks for it
  pending = { key: queryKey(query), promise };
}

/** The prefetched request for this query, if there is one not yet taken. */
export function takePrefetched(query: DashboardQuery): Promise<DashboardView> | undefined {
  if (!pending || pending.key !== queryKey(query)) return undefined;
  const { promise } = pending;
  pending = undefined;
  return promise;
}
