/**
 * A project's (Anthropic: workspace's) own budget, set, changed and removed from its row on the dashboard: the
 * row shows the progress as a button; the button opens a small card with the amount and the alert thresholds.
 * Thresholds belong to the account's budget (the core alerts every project budget at the account's thresholds),
 * so the card says they are shared; an account without a budget gets one in the same card, since a project
 * budget needs it.
 */
import { useState } from 'react';
import { budgetUsage } from '../../shared/budget-state';
import type { AccountSummary, Budget, BudgetInput } from '../../shared/domain';
import { call } from '../lib/bridge';
import { ModalDialog } from '../lib/ui/ModalDialog';
import { money } from '../lib/format';
import { BudgetForm } from './BudgetForm';

interface RowProps {
  account: AccountSummary;
  projectId: string;
  name: string;
  noun: string;
  spentMicros: number;
  currency: string;
}

/** On the row: the progress when there is a budget ("37% of $500.00"), else "Set budget"; either opens the card. */
export function RowBudgetControl(props: RowProps) {
  const [open, setOpen] = useState(false);
  const budgetMicros = props.account.budget?.projects[props.projectId];
  const used = budgetMicros ? budgetUsage(props.spentMicros, budgetMicros).wholePercent : null;
  return (
    <span className="row-budget">
      {used !== null && (
        <meter
          min={0}
          max={100}
          low={80}
          high={99}
          optimum={0}
          value={Math.min(100, used)}
          aria-label={`${props.name}: ${used}% of its ${props.noun} budget`}
        />
      )}
      {/* One button in both states, so focus stays on it when the saved budget comes back from main. */}
      {/* Narrow on screen (the percentage; the amount is in the card), complete for a screen reader. */}
      <button
        type="button"
        className={`link-button${used !== null && used >= 100 ? ' status-problem' : ''}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {used === null ? 'Set budget' : `${used.toLocaleString()}%`}
        <span className="visually-hidden">
          {used === null
            ? ` for ${props.name}`
            : ` of ${money(budgetMicros!, props.currency)} — change the budget for ${props.name}`}
        </span>
      </button>
      {open && <ProjectBudgetCard {...props} onClose={() => setOpen(false)} />}
    </span>
  );
}

function ProjectBudgetCard({
  account,
  projectId,
  name,
  noun,
  spentMicros,
  currency,
  onClose,
}: RowProps & { onClose: () => void }) {
  const budget: Budget | null = account.budget;
  const current = budget?.projects[projectId];
  const store = (next: BudgetInput | null) =>
    call('setBudget', { accountId: account.id, budget: next }).then(() => undefined);
  // Removing the project's budget keeps the account's and every other project's.
  const remove = () => {
    if (!budget) return Promise.resolve();
    const projects = Object.fromEntries(Object.entries(budget.projects).filter(([key]) => key !== projectId));
    return store({ ...budget, projects });
  };

  return (
    <ModalDialog title={`Budget for ${name}`} onClose={onClose} className="budget-card">
      <p className="muted">
        {current
          ? `${money(spentMicros, currency)} of ${money(current, currency)} used this month (${budgetUsage(spentMicros, current).wholePercent}%).`
          : `${money(spentMicros, currency)} spent this month, no ${noun} budget yet.`}
      </p>
      <BudgetForm
        className="form compact"
        label={`Budget for ${name}`}
        base={budget}
        projectId={projectId}
        projectNoun={noun}
        monthlyName={`${account.name} monthly`}
        fields={{
          amount: { label: `Monthly budget for ${name} (USD)` },
          // An account without a budget gets one here: a project budget alerts at the account's thresholds.
          monthly: budget
            ? undefined
            : {
                label: `Monthly budget for ${account.name} (USD)`,
                hint: `${noun[0].toUpperCase()}${noun.slice(1)} budgets alert at the account's thresholds, so ${account.name} needs a monthly budget too.`,
              },
          thresholds: {
            label: 'Alert at (% of budget)',
            hint: `Shared by ${account.name} and all its ${noun} budgets.`,
          },
        }}
        dialogFocus="amount"
        primary
        onSave={store}
        onSaved={onClose}
        onRemove={current !== undefined ? remove : undefined}
        onRemoved={onClose}
        onCancel={onClose}
      />
    </ModalDialog>
  );
}
