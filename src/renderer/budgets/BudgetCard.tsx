/** The budget KPI: how much of the month's budget is used, and a form to set or change it. */
import { useRef, useState } from 'react';
import type { AccountSummary, Budget, BudgetInput, DashboardView } from '../../shared/domain';
import { budgetUsage } from '../../shared/budget-state';
import { BudgetForm } from './BudgetForm';
import { PROVIDERS } from '../../shared/providers';
import { afterRender } from '../lib/hooks/focus';
import { call } from '../lib/bridge';
import { money } from '../lib/format';
import { OpenAiSpendControls } from '../spend-controls/OpenAiSpendControls';
import { crossedOnFrom, overrunOf } from '../../shared/overrun';
import { meterBounds, OverrunNote } from './OverrunNote';
import { AccountBudgets } from './AccountBudgets';

export function BudgetCard({ view, account }: { view: DashboardView; account: AccountSummary | undefined }) {
  const [editing, setEditing] = useState(false);
  // On the demo a budget can be tried: held in this window only, labelled as demo, gone with the demo.
  const [demoBudget, setDemoBudget] = useState<number | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { kpis, currency } = view;
  const isDemo = account?.isDemo ?? view.isDemo;
  const canEdit = account !== undefined && !account.isDemo;
  const budgetMicros = isDemo ? demoBudget : kpis.budgetMicros;
  // The core computes a real budget's share; the demo's trial budget (this window only) uses the same rule here.
  const usedPercent = isDemo
    ? demoBudget
      ? budgetUsage(kpis.monthToDateMicros, demoBudget).wholePercent
      : null
    : kpis.budgetUsedPercent;
  // The budget the form changes: the demo's (held here), or the account's (saved through main).
  const editedBudget: Budget | null = isDemo
    ? demoBudget === null
      ? null
      : { monthlyMicros: demoBudget, thresholds: [50, 80, 100], dailyMicros: null, projects: {} }
    : (account?.budget ?? null);
  // Said plainly when the month is on pace to pass the budget (amber close to it, red past it).
  const overrun = overrunOf({
    spentMicros: kpis.monthToDateMicros,
    forecastMicros: kpis.forecastMicros,
    budgetMicros,
    today: view.today,
    crossedOn: budgetMicros === null ? null : crossedOnFrom(view.monthProgress.points, budgetMicros),
  });
  // All accounts, not all of them with a budget: the budgets that exist, one line per account.
  const someBudgets = account === undefined && kpis.budgetMicros === null && view.accounts.some((a) => a.budget);
  const store = async (next: BudgetInput | null) => {
    if (isDemo) setDemoBudget(next?.monthlyMicros ?? null);
    else if (account) await call('setBudget', { accountId: account.id, budget: next });
  };
  const close = () => {
    setEditing(false);
    afterRender(() => toggleRef.current?.focus());
  };
  return (
    <article className="kpi" aria-labelledby="kpi-budget">
      <h2 id="kpi-budget">Budget {isDemo && demoBudget !== null && <span className="badge badge-demo">demo</span>}</h2>
      {someBudgets ? (
        <AccountBudgets view={view} />
      ) : budgetMicros === null ? (
        <p className="kpi-value kpi-empty">No budget set</p>
      ) : (
        <>
          <p className="kpi-value">{usedPercent}% used</p>
          <meter
            min={0}
            max={100}
            {...meterBounds(overrun?.level)}
            optimum={0}
            value={Math.min(100, usedPercent ?? 0)}
            aria-label="Budget used"
          />
          <p className="muted">of {money(budgetMicros, currency)} this month</p>
          <OverrunNote overrun={overrun} currency={currency} />
          {account === undefined && view.accounts.length > 1 && <AccountBudgets view={view} warningsOnly />}
        </>
      )}
      {(canEdit || isDemo) && !editing && (
        <button type="button" ref={toggleRef} className="link-button" onClick={() => setEditing(true)}>
          {isDemo
            ? demoBudget === null
              ? 'Try a budget on the demo'
              : 'Change demo budget'
            : account?.budget
              ? 'Change budget'
              : 'Set a budget'}
        </button>
      )}
      {isDemo && (
        <p className="muted">
          {demoBudget === null
            ? 'Add an account to set a budget.'
            : 'Demo only: not saved, and gone when you add an account.'}
        </p>
      )}
      {!canEdit && !isDemo && kpis.budgetMicros === null && !someBudgets && (
        <p className="muted">Pick one account to set its budget.</p>
      )}
      {editing && (isDemo || canEdit) && (
        <BudgetForm
          className="form compact"
          label={isDemo ? 'Demo budget' : `Budget for ${account?.name}`}
          base={editedBudget}
          fields={{
            monthly: { label: 'Monthly budget (USD)' },
            thresholds: { label: 'Alert at (% of budget)' },
          }}
          autoFocus="monthly"
          onSave={(next) => store(next)}
          onSaved={close}
          onRemove={editedBudget ? () => store(null) : undefined}
          onRemoved={close}
          onCancel={close}
          cancelOnEscape
        />
      )}
      {canEdit && PROVIDERS[account.provider].capabilities.spendControls && (
        <OpenAiSpendControls accountId={account.id} accountName={account.name} budget={account.budget} compact />
      )}
    </article>
  );
}
