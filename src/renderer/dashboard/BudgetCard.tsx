/** The budget KPI: how much of the month's budget is used, and a form to set or change it. */
import { useState, type FormEvent } from 'react';
import { DEFAULT_THRESHOLDS_TEXT } from '../../shared/constants';
import type { AccountSummary, DashboardView } from '../../shared/domain';
import { parseUserAmount } from '../../shared/money';
import { call } from '../bridge';
import { money } from '../format';
import { OpenAiSpendControls } from '../spend-controls/OpenAiSpendControls';

export function BudgetCard({ view, account }: { view: DashboardView; account: AccountSummary | undefined }) {
  const [editing, setEditing] = useState(false);
  const { kpis, currency } = view;
  const canEdit = account && !account.isDemo;
  return (
    <article className="kpi" aria-labelledby="kpi-budget">
      <h2 id="kpi-budget">Budget</h2>
      {kpis.budgetMicros === null ? (
        <p className="kpi-value kpi-empty">No budget set</p>
      ) : (
        <>
          <p className="kpi-value">{kpis.budgetUsedPercent}% used</p>
          <meter min={0} max={100} low={80} high={99} optimum={0} value={Math.min(100, kpis.budgetUsedPercent ?? 0)} aria-label="Budget used" />
          <p className="muted">of {money(kpis.budgetMicros, currency)} this month</p>
        </>
      )}
      {canEdit && !editing && (
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          {account.budget ? 'Change budget' : 'Set a budget'}
        </button>
      )}
      {!canEdit && kpis.budgetMicros === null && <p className="muted">{account?.isDemo ? 'Add an account to set a budget.' : 'Pick one account to set its budget.'}</p>}
      {canEdit && editing && <BudgetForm account={account} onDone={() => setEditing(false)} />}
      {canEdit && <OpenAiSpendControls accountId={account.id} accountName={account.name} budget={account.budget} compact />}
    </article>
  );
}

function BudgetForm({ account, onDone }: { account: AccountSummary; onDone: () => void }) {
  const [monthly, setMonthly] = useState(account.budget ? String(account.budget.monthlyMicros / 1e6) : '');
  const [thresholds, setThresholds] = useState(account.budget ? account.budget.thresholds.join(', ') : DEFAULT_THRESHOLDS_TEXT);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let monthlyMicros: number;
    try {
      monthlyMicros = parseUserAmount(monthly);
      if (monthlyMicros <= 0) throw new Error();
    } catch {
      setError('Enter the monthly budget in dollars, such as 500.');
      return;
    }
    const list = thresholds.split(',').map((t) => Number(t.trim()));
    if (list.some((t) => !Number.isInteger(t) || t < 1 || t > 1000)) {
      setError('Enter thresholds as whole percentages, such as 50, 80, 100.');
      return;
    }
    try {
      await call('setBudget', {
        accountId: account.id,
        budget: { monthlyMicros, thresholds: list, dailyMicros: account.budget?.dailyMicros ?? null, projects: account.budget?.projects ?? {} },
      });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form className="form compact" onSubmit={submit} aria-label={`Budget for ${account.name}`}>
      <label>
        Monthly budget (USD)
        <input inputMode="decimal" value={monthly} onChange={(e) => setMonthly(e.target.value)} required />
      </label>
      <label>
        Alert at (% of budget)
        <input value={thresholds} onChange={(e) => setThresholds(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save budget</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        {account.budget && (
          <button type="button" onClick={() => call('setBudget', { accountId: account.id, budget: null }).then(onDone, (e: Error) => setError(e.message))}>
            Remove budget
          </button>
        )}
      </div>
    </form>
  );
}
