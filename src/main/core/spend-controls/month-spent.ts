/** This UTC month's spend for an account or one of its projects: what OpenAI's monthly limit counts. */
import { addDays, firstDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { Micros } from '../../../shared/money';
import type { SpendScope } from '../../../shared/spend-controls';
import { monthToDate, type HistoryView } from '../aggregate/aggregations';

export function monthSpent(view: HistoryView, scope: SpendScope, today: UtcDay): Micros {
  if (scope === 'account') return monthToDate([view], today);
  const projectId = scope.slice('project:'.length);
  let spent = 0;
  for (let d = firstDayOfMonth(monthOf(today)); d <= today; d = addDays(d, 1)) spent += view.history.summary(d)?.byProject.get(projectId) ?? 0;
  return spent;
}

/** Real project ids only: spend without a project ("(no project)") has no project limit. */
const PROJECT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Projects that spent this UTC month, largest first: the ones whose own hard limit could stop them. */
export function projectsSpendingThisMonth(view: HistoryView, today: UtcDay): string[] {
  const totals = new Map<string, Micros>();
  for (let d = firstDayOfMonth(monthOf(today)); d <= today; d = addDays(d, 1)) {
    for (const [id, micros] of view.history.summary(d)?.byProject ?? []) if (PROJECT_ID.test(id) && micros > 0) totals.set(id, (totals.get(id) ?? 0) + micros);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
