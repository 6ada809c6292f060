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
