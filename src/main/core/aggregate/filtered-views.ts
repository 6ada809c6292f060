/**
 * The dashboard's filter by project and API key, as OpenAI's usage page has: the range's cost and usage rows of
 * one project and/or key, read day by day from each account's history into an in-memory history of their own, so
 * every aggregation works on them unchanged. Only the filtered rows of the range are held.
 */
import { addDays, type UtcDay } from '../../../shared/dates';
import { AccountHistory, UNASSIGNED_PROJECT } from '../history/account-history';
import type { CostRow, UsageRow } from '../history/types';
import type { HistoryView } from './dimension-values';

export interface SpendFilter {
  projectId?: string;
  apiKeyId?: string;
}

export function isFiltered(filter: SpendFilter): boolean {
  return filter.projectId !== undefined || filter.apiKeyId !== undefined;
}

export function filteredViews(views: HistoryView[], from: UtcDay, to: UtcDay, filter: SpendFilter): HistoryView[] {
  const keep = (row: { projectId?: string | null; apiKeyId?: string | null }) =>
    (filter.projectId === undefined || (row.projectId ?? UNASSIGNED_PROJECT) === filter.projectId) && (filter.apiKeyId === undefined || (row.apiKeyId ?? null) === filter.apiKeyId);
  return views.map((view) => {
    const costs = new Map<UtcDay, CostRow[]>();
    const usage = new Map<UtcDay, UsageRow[]>();
    for (let d = from; d <= to; d = addDays(d, 1)) {
      // A day not stored stays missing (not a $0 day), as in the account's own history.
      if (view.history.hasDay(d)) costs.set(d, (view.history.costRows(d) ?? []).filter(keep));
      const used = view.history.usageRows(d);
      if (used) usage.set(d, used.filter(keep));
    }
    const history = new AccountHistory();
    history.loadMonth(costs, usage);
    return { ...view, history };
  });
}
