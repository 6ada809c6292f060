/** This UTC month's spend for an account or one of its projects: what OpenAI's monthly limit counts. */
import { firstDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { Micros } from '../../../shared/money';
import type { SpendScope } from '../../../shared/spend-controls';
import { breakdown, monthToDate, projectTotalBetween, type HistoryView } from '../aggregate/aggregations';

export function monthSpent(view: HistoryView, scope: SpendScope, today: UtcDay): Micros {
  if (scope === 'account') return monthToDate([view], today);
  return projectTotalBetween(view, scope.slice('project:'.length), firstDayOfMonth(monthOf(today)), today);
}

/** Real project ids only: spend without a project ("(no project)") has no project limit. */
const PROJECT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Projects that spent this UTC month, largest first: the ones whose own hard limit could stop them. */
export function projectsSpendingThisMonth(view: HistoryView, today: UtcDay): string[] {
  return breakdown([view], firstDayOfMonth(monthOf(today)), today, 'project')
    .filter((p) => PROJECT_ID.test(p.key) && p.micros > 0)
    .map((p) => p.key);
}
