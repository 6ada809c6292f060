/**
 * A project's (Anthropic: workspace's) own budget, set, changed and removed from its row on the dashboard: the
 * row shows the progress as a button; the button opens a small card with the amount and the alert thresholds.
 * Thresholds belong to the account's budget (the core alerts every project budget at the account's thresholds),
 * so the card says they are shared; an account without a budget gets one in the same card, since a project
 * budget needs it.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { DEFAULT_THRESHOLDS_TEXT } from '../../shared/constants';
import type { AccountSummary, Budget } from '../../shared/domain';
import { budgetUsage } from '../../shared/budget-state';
import { microsToDecimal, parseUserAmount } from '../../shared/money';
import { budgetAmountProblem, parseThresholds, thresholdsProblem } from './budget-input';
import { call } from '../lib/bridge';
import { ModalDialog } from '../lib/ui/ModalDialog';
import { money } from '../lib/format';
import { FieldError } from '../lib/ui/FieldError';

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
  const [amount, setAmount] = useState(current ? microsToDecimal(current) : '');
  const [accountAmount, setAccountAmount] = useState('');
  const [thresholds, setThresholds] = useState(budget ? budget.thresholds.join(', ') : DEFAULT_THRESHOLDS_TEXT);
  const [errors, setErrors] = useState<{ amount?: string; account?: string; thresholds?: string; save?: string }>({});
  const [busy, setBusy] = useState(false);
  const refs = {
    amount: useRef<HTMLInputElement>(null),
    account: useRef<HTMLInputElement>(null),
    thresholds: useRef<HTMLInputElement>(null),
  };
  const id = useId();

  const store = async (next: Budget | null) => {
    setBusy(true);
    try {
      await call('setBudget', { accountId: account.id, budget: next });
      onClose();
    } catch (e) {
      setBusy(false);
      setErrors({ save: (e as Error).message });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      amount: budgetAmountProblem(amount, noun) ?? undefined,
      account: budget ? undefined : (budgetAmountProblem(accountAmount, `${account.name} monthly`) ?? undefined),
      thresholds: thresholdsProblem(thresholds) ?? undefined,
    };
    setErrors(found);
    // Focus the first invalid field, in the order they are shown.
    const first = (['amount', 'account', 'thresholds'] as const).find((k) => found[k]);
    if (first) return refs[first].current?.focus();
    const base = budget ?? {
      monthlyMicros: parseUserAmount(accountAmount),
      thresholds: [],
      dailyMicros: null,
      projects: {},
    };
    void store({
      ...base,
      thresholds: parseThresholds(thresholds),
      projects: { ...base.projects, [projectId]: parseUserAmount(amount) },
    });
  };

  const remove = () => {
    if (!budget) return;
    const projects = Object.fromEntries(Object.entries(budget.projects).filter(([key]) => key !== projectId));
    void store({ ...budget, projects });
  };

  const field = (
    key: 'amount' | 'account' | 'thresholds',
    label: string,
    value: string,
    set: (v: string) => void,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        ref={refs[key]}
        inputMode={key === 'thresholds' ? 'text' : 'decimal'}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={
          [errors[key] ? `${id}-${key}-error` : null, hint ? `${id}-${key}-hint` : null].filter(Boolean).join(' ') ||
          undefined
        }
        data-autofocus={key === 'amount' ? true : undefined}
      />
      {hint && (
        <p id={`${id}-${key}-hint`} className="muted field-hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-${key}-error`} message={errors[key]} />
    </div>
  );

  return (
    <ModalDialog title={`Budget for ${name}`} onClose={onClose} className="budget-card">
      <p className="muted">
        {current
          ? `${money(spentMicros, currency)} of ${money(current, currency)} used this month (${budgetUsage(spentMicros, current).wholePercent}%).`
          : `${money(spentMicros, currency)} spent this month, no ${noun} budget yet.`}
      </p>
      <form className="form compact" onSubmit={submit} noValidate aria-label={`Budget for ${name}`}>
        {field('amount', `Monthly budget for ${name} (USD)`, amount, setAmount)}
        {!budget &&
          field(
            'account',
            `Monthly budget for ${account.name} (USD)`,
            accountAmount,
            setAccountAmount,
            `${noun[0].toUpperCase()}${noun.slice(1)} budgets alert at the account's thresholds, so ${account.name} needs a monthly budget too.`,
          )}
        {field(
          'thresholds',
          'Alert at (% of budget)',
          thresholds,
          setThresholds,
          `Shared by ${account.name} and all its ${noun} budgets.`,
        )}
        {errors.save && (
          <p role="alert" className="field-error">
            {errors.save}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            Save budget
          </button>
          {current !== undefined && (
            <button type="button" onClick={remove} disabled={busy}>
              Remove budget
            </button>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
