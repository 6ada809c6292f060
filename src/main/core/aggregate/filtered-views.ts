/**
 * The dashboard's filter by project and API key, as OpenAI's usage page has: the range's cost rows of one project
 * and/or key, picked out by SQLite day by day and summed at once into a history of their own (its day sums and
 * usage, no rows), so every aggregation works on them unchanged and memory holds one day's rows at most.
 */
import { addDays, type UtcDay } from '../../../shared/dates';
import { AccountHistory, summarise, UNASSIGNED_PROJECT, type DaySummary } from '../history/account-history';
import type { UsageRow } from '../history/types';
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
    (filter.projectId === undefined || (row.projectId ?? UNASSIGNED_PROJECT) === filter.projectId) &&
    (filter.apiKeyId === undefined || (row.apiKeyId ?? null) === filter.apiKeyId);
  return views.map((view) => {
    const summaries = new Map<UtcDay, DaySummary>();
    const usage = new Map<UtcDay, UsageRow[]>();
    for (let d = from; d <= to; d = addDays(d, 1)) {
      // A day not stored stays missing (not a $0 day), as in the account's own history.
      const rows = view.history.filteredRows(d, filter);
      if (rows) summaries.set(d, summarise(rows));
      const used = view.history.usageRows(d);
      if (used) usage.set(d, used.filter(keep));
    }
    const history = new AccountHistory();
    history.loadSummaries(summaries, usage);
    return { ...view, history };
  });
}
