/**
 * The first dashboard request starts before React is even evaluated (start-prefetch.ts), so its round trip
 * to main overlaps the renderer's start-up. The window's query cache takes it in when it is created
 * (query-client.ts), once: as the view if it has already arrived (then the first render already shows the
 * figures, with no skeleton in between), else as the request under way. Only small modules may be imported here.
 */
import type { DashboardQuery, DashboardView } from '../../../shared/domain';
import { call } from '../bridge';

interface Prefetched {
  query: DashboardQuery;
  promise: Promise<DashboardView>;
  /** Set once the answer has arrived. */
  value?: DashboardView;
}

let pending: Prefetched | undefined;

export function prefetchDashboard(query: DashboardQuery): void {
  const entry: Prefetched = { query, promise: call('getDashboard', query) };
  entry.promise.then(
    (view) => {
      entry.value = view;
    },
    () => undefined, // a failure is reported by the query that takes it
  );
  pending = entry;
}

/** The prefetched request, if there is one not yet taken. */
export function takePrefetched(): Prefetched | undefined {
  const taken = pending;
  pending = undefined;
  return taken;
}
