/**
 * The first UTC day with any cost in the selected histories. Periods before it have no data (not $0.00 of
 * spend), and a period that starts before it is not fully covered, so no percentage change is computed
 * against it (the dashboard says "new").
 */
import type { UtcDay } from '../../../shared/dates';
import type { HistoryView } from './aggregations';

export function dataSince(views: HistoryView[]): UtcDay | null {
  let first: UtcDay | null = null;
  for (const { history } of views) {
    const day = history.firstSpendDay();
    if (day && (first === null || day < first)) first = day;
  }
  return first;
}
