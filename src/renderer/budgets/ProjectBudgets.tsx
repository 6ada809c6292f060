/**
 * Project (Anthropic: workspace) budgets for one account: set, changed and removed here, each with this
 * month's spend, its progress and the thresholds it alerts at (the account's thresholds, as the core applies them).
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountInfo, Budget, NamedAmount } from '../../shared/domain';
import { microsToDecimal, parseUserAmount } from '../../shared/money';
import { budgetAmountProblem } from './budget-input';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { afterRender } from '../lib/hooks/focus';
import { money, sharePercent } from '../lib/format';
import { FieldError } from '../lib/ui/FieldError';
import { dashboardQuery } from '../lib/queries';

const NO_SPEND: NamedAmount[] = [];

export function ProjectBudgets({ account, budget }: { account: AccountInfo; budget: Budget }) {
  const noun = PROVIDERS[account.provider].projectNoun;
  const spend =
    useQuery(dashboardQuery({ accountId: account.id, range: 'mtd', groupBy: 'project' })).data?.byProject ?? NO_SPEND;

  const budgeted = Object.entries(budget.projects);
  const nameOf = (id: string) => spend.find((p) => p.key === id)?.name ?? id;
  const unbudgeted = spend.filter((p) => !(p.key in budget.projects));
  const save = (projects: Budget['projects']) =>
    // Main announces the change: the budgets reload from there.
    call('setBudget', { accountId: account.id, budget: { ...budget, projects } }).then(() => undefined);

  return (
    <div className="project-budgets">
      <h3>
        {cap(noun)} budgets for {account.name}
      </h3>
      <p className="muted">
        Each {noun} budget alerts at {budget.thresholds.join('%, ')}% of its amount, like the account’s.
      </p>
      {budgeted.length === 0 ? (
        <p className="muted">No {noun} budgets yet.</p>
      ) : (
        <ul className="project-budget-list">
          {budgeted.map(([id, micros]) => (
            <ProjectBudgetRow
              key={id}
              name={nameOf(id)}
              noun={noun}
              budgetMicros={micros}
              spentMicros={spend.find((p) => p.key === id)?.micros ?? 0}
              onSave={(next) => save({ ...budget.projects, [id]: next })}
              onRemove={() => save(Object.fromEntries(budgeted.filter(([other]) => other !== id)))}
            />
          ))}
        </ul>
      )}
      <AddProjectBudget
        noun={noun}
        choices={unbudgeted}
        onAdd={(id, micros) => save({ ...budget.projects, [id]: micros })}
      />
    </div>
  );
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function ProjectBudgetRow({
  name,
  noun,
  budgetMicros,
  spentMicros,
  onSave,
  onRemove,
}: {
  name: string;
  noun: string;
  budgetMicros: number;
  spentMicros: number;
  onSave: (micros: number) => Promise<void>;
  onRemove: () => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(microsToDecimal(budgetMicros));
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const percent = sharePercent(spentMicros, budgetMicros);
  const used = budgetMicros > 0 ? Math.round((spentMicros * 100) / budgetMicros) : 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = budgetAmountProblem(value, noun);
    setError(problem);
    if (problem) return inputRef.current?.focus();
    await onSave(parseUserAmount(value)).catch((err: Error) => setError(err.message));
    setEditing(false);
    afterRender(() => changeRef.current?.focus());
  };
  return (
    <li className="project-budget">
      <div className="project-budget-head">
        <strong className="name-cell" title={name}>
          {name}
        </strong>
        <span className="figure">
          {money(spentMicros)} of {money(budgetMicros)} ({used}%)
        </span>
      </div>
      <progress
        max={100}
        value={percent}
        aria-label={`${name}: ${used}% of its ${noun} budget used this month`}
        className={used >= 100 ? 'over' : undefined}
      />
      {editing ? (
        <form className="inline-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={inputId}>Monthly budget for {name} (USD)</label>
            <input
              id={inputId}
              ref={inputRef}
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
              autoFocus
            />
            <FieldError id={`${inputId}-error`} message={error ?? undefined} />
          </div>
          <button type="submit">Save</button>
          <button
            type="button"
            onClick={() => {
              setEditing(false);
              afterRender(() => changeRef.current?.focus());
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <div className="row-actions">
          <button
            type="button"
            ref={changeRef}
            onClick={() => setEditing(true)}
            aria-label={`Change budget for ${name}`}
          >
            Change budget for {name}
          </button>
          <button type="button" onClick={() => void onRemove()} aria-label={`Remove budget for ${name}`}>
            Remove budget for {name}
          </button>
        </div>
      )}
    </li>
  );
}

function AddProjectBudget({
  noun,
  choices,
  onAdd,
}: {
  noun: string;
  choices: NamedAmount[];
  onAdd: (id: string, micros: number) => Promise<void>;
}) {
  const [project, setProject] = useState('');
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<{ project?: string; amount?: string; save?: string }>({});
  const projectRef = useRef<HTMLSelectElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  if (choices.length === 0) return <p className="muted">Every {noun} with spend this month has a budget.</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = {
      project: project ? undefined : `Choose a ${noun}`,
      amount: budgetAmountProblem(amount, noun) ?? undefined,
    };
    setErrors(found);
    if (found.project) return projectRef.current?.focus();
    if (found.amount) return amountRef.current?.focus();
    try {
      await onAdd(project, parseUserAmount(amount));
      setProject('');
      setAmount('');
      afterRender(() => projectRef.current?.focus());
    } catch (err) {
      setErrors({ save: (err as Error).message });
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Add a ${noun} budget`}>
      <div className="field">
        <label htmlFor="new-project-budget">{cap(noun)}</label>
        <select
          id="new-project-budget"
          ref={projectRef}
          value={project}
          onChange={(e) => setProject(e.target.value)}
          aria-invalid={errors.project ? true : undefined}
          aria-describedby={errors.project ? 'new-project-budget-error' : undefined}
        >
          <option value="">Choose a {noun}…</option>
          {choices.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name} ({money(p.micros)} this month)
            </option>
          ))}
        </select>
        <FieldError id="new-project-budget-error" message={errors.project} />
      </div>
      <div className="field">
        <label htmlFor="new-project-amount">Monthly budget (USD)</label>
        <input
          id="new-project-amount"
          ref={amountRef}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={errors.amount ? true : undefined}
          aria-describedby={errors.amount ? 'new-project-amount-error' : undefined}
        />
        <FieldError id="new-project-amount-error" message={errors.amount} />
      </div>
      <button type="submit">Add {noun} budget</button>
      {errors.save && (
        <p role="alert" className="field-error">
          {errors.save}
        </p>
      )}
    </form>
  );
}
