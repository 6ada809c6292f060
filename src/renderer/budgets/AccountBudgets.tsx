/**
 * "All accounts" on the budget card: each account's budget on its own line, with its overrun state. Accounts
 * without a budget are counted, never summed in: a total of some accounts' budgets against every account's
 * spend would be a figure that means nothing.
 */
import type { DashboardView } from '../../shared/domain';
import { budgetUsage } from '../../shared/budget-state';
import { overrunOf } from '../../shared/overrun';
import { money } from '../lib/format';
import { OverrunNote } from './OverrunNote';

/** `warningsOnly`: under the accounts' summed budget, only the accounts close to or past their own. */
export function AccountBudgets({ view, warningsOnly = false }: { view: DashboardView; warningsOnly?: boolean }) {
  const withBudget = view.accounts.filter((a) => a.budget);
  const without = view.accounts.length - withBudget.length;
  const rows = withBudget
    .map((a) => ({
      account: a,
      overrun: overrunOf({
        spentMicros: a.monthToDateMicros,
        forecastMicros: a.forecastMicros,
        budgetMicros: a.budget!.monthlyMicros,
        today: view.today,
      }),
    }))
    .filter((r) => !warningsOnly || r.overrun?.level !== 'under');
  if (rows.length === 0) return null;
  return (
    <>
      <ul className="account-budgets" aria-label="Budgets by account">
        {rows.map(({ account: a, overrun }) => {
          const monthly = a.budget!.monthlyMicros;
          return (
            <li key={a.id} data-testid="account-budget">
              <span className="account-budget-line">
                <strong>{a.name}</strong>:{' '}
                {a.budgetUsedPercent ?? budgetUsage(a.monthToDateMicros, monthly).usedPercent}% of{' '}
                {money(monthly, view.currency)}
              </span>
              <OverrunNote overrun={overrun} currency={view.currency} testId="account-overrun" short={warningsOnly} />
            </li>
          );
        })}
      </ul>
      {without > 0 && !warningsOnly && (
        <p className="muted">
          {without === 1 ? '1 account has' : `${without} accounts have`} no budget. Pick one account to set its budget.
        </p>
      )}
    </>
  );
}
