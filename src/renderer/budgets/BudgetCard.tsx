/** The budget KPI: how much of the month's budget is used, and a form to set or change it. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DEFAULT_THRESHOLDS_TEXT } from '../../shared/constants';
import type { AccountSummary, DashboardView } from '../../shared/domain';
import { budgetUsage } from '../../shared/budget-state';
import { microsToDecimal, parseUserAmount } from '../../shared/money';
import { parseThresholds, thresholdsProblem } from './budget-input';
import { PROVIDERS } from '../../shared/providers';
import { afterRender } from '../lib/hooks/focus';
import { FieldError } from '../lib/ui/FieldError';
import { call } from '../lib/bridge';
import { money } from '../lib/format';
import { OpenAiSpendControls } from '../spend-controls/OpenAiSpendControls';

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
  const close = () => {
    setEditing(false);
    afterRender(() => toggleRef.current?.focus());
  };
  return (
    <article className="kpi" aria-labelledby="kpi-budget">
      <h2 id="kpi-budget">Budget {isDemo && demoBudget !== null && <span className="badge badge-demo">demo</span>}</h2>
      {budgetMicros === null ? (
        <p className="kpi-value kpi-empty">No budget set</p>
      ) : (
        <>
          <p className="kpi-value">{usedPercent}% used</p>
          <meter
            min={0}
            max={100}
            low={80}
            high={99}
            optimum={0}
            value={Math.min(100, usedPercent ?? 0)}
            aria-label="Budget used"
          />
          <p className="muted">of {money(budgetMicros, currency)} this month</p>
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
      {!canEdit && !isDemo && kpis.budgetMicros === null && (
        <p className="muted">Pick one account to set its budget.</p>
      )}
      {editing && isDemo && (
        <BudgetForm
          label="Demo budget"
          current={demoBudget === null ? null : { monthlyMicros: demoBudget, thresholds: [50, 80, 100] }}
          onSave={async (b) => setDemoBudget(b.monthlyMicros)}
          onRemove={async () => setDemoBudget(null)}
          onDone={close}
        />
      )}
      {editing && canEdit && (
        <BudgetForm
          label={`Budget for ${account.name}`}
          current={account.budget}
          onSave={(b) =>
            call('setBudget', {
              accountId: account.id,
              budget: {
                ...b,
                dailyMicros: account.budget?.dailyMicros ?? null,
                projects: account.budget?.projects ?? {},
              },
            }).then(() => undefined)
          }
          onRemove={() => call('setBudget', { accountId: account.id, budget: null }).then(() => undefined)}
          onDone={close}
        />
      )}
      {canEdit && PROVIDERS[account.provider].capabilities.spendControls && (
        <OpenAiSpendControls accountId={account.id} accountName={account.name} budget={account.budget} compact />
      )}
    </article>
  );
}

function BudgetForm(props: {
  label: string;
  current: { monthlyMicros: number; thresholds: number[] } | null;
  onSave: (budget: { monthlyMicros: number; thresholds: number[] }) => Promise<void>;
  onRemove: () => Promise<void>;
  onDone: () => void;
}) {
  const { current } = props;
  const [monthly, setMonthly] = useState(current ? microsToDecimal(current.monthlyMicros) : '');
  const [thresholds, setThresholds] = useState(current ? current.thresholds.join(', ') : DEFAULT_THRESHOLDS_TEXT);
  const [errors, setErrors] = useState<{ monthly?: string; thresholds?: string; save?: string }>({});
  const monthlyRef = useRef<HTMLInputElement>(null);
  const thresholdsRef = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => monthlyRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let monthlyMicros = 0;
    const found: typeof errors = {};
    try {
      monthlyMicros = parseUserAmount(monthly);
      if (monthlyMicros <= 0) throw new Error();
    } catch {
      found.monthly = monthly.trim() ? 'Enter the monthly budget in dollars, such as 500.' : 'Enter the monthly budget';
    }
    const thresholdsWrong = thresholdsProblem(thresholds);
    if (thresholdsWrong) found.thresholds = thresholdsWrong;
    setErrors(found);
    if (found.monthly) return monthlyRef.current?.focus();
    if (found.thresholds) return thresholdsRef.current?.focus();
    try {
      await props.onSave({ monthlyMicros, thresholds: parseThresholds(thresholds) });
      props.onDone();
    } catch (e) {
      setErrors({ save: (e as Error).message });
    }
  };

  return (
    <form
      className="form compact"
      onSubmit={submit}
      aria-label={props.label}
      noValidate
      onKeyDown={(e) => e.key === 'Escape' && props.onDone()}
    >
      <div className="field">
        <label htmlFor={`${id}-monthly`}>Monthly budget (USD)</label>
        <input
          id={`${id}-monthly`}
          ref={monthlyRef}
          inputMode="decimal"
          value={monthly}
          onChange={(e) => setMonthly(e.target.value)}
          aria-invalid={errors.monthly ? true : undefined}
          aria-describedby={errors.monthly ? `${id}-monthly-error` : undefined}
        />
        <FieldError id={`${id}-monthly-error`} message={errors.monthly} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-thresholds`}>Alert at (% of budget)</label>
        <input
          id={`${id}-thresholds`}
          ref={thresholdsRef}
          value={thresholds}
          onChange={(e) => setThresholds(e.target.value)}
          aria-invalid={errors.thresholds ? true : undefined}
          aria-describedby={errors.thresholds ? `${id}-thresholds-error` : undefined}
        />
        <FieldError id={`${id}-thresholds-error`} message={errors.thresholds} />
      </div>
      {errors.save && (
        <p role="alert" className="field-error">
          {errors.save}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save budget</button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
        {current && (
          <button
            type="button"
            onClick={() => props.onRemove().then(props.onDone, (e: Error) => setErrors({ save: e.message }))}
          >
            Remove budget
          </button>
        )}
      </div>
    </form>
  );
}
