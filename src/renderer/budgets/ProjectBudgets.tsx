/**
 * Project (Anthropic: workspace) budgets for one account: set, changed and removed here, each with this
 * month's spend, its progress and the thresholds it alerts at (the account's thresholds, as the core applies them).
 */
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { AccountInfo, Budget, BudgetInput, NamedAmount } from '../../shared/domain';
import { BudgetForm } from './BudgetForm';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { afterRender } from '../lib/hooks/focus';
import { money, sharePercent } from '../lib/format';
import { dashboardQuery } from '../lib/queries';

const NO_SPEND: NamedAmount[] = [];

export function ProjectBudgets({ account, budget }: { account: AccountInfo; budget: Budget }) {
  const noun = PROVIDERS[account.provider].projectNoun;
  const spend =
    useQuery(dashboardQuery({ accountId: account.id, range: 'mtd', groupBy: 'project' })).data?.byProject ?? NO_SPEND;

  const budgeted = Object.entries(budget.projects);
  const nameOf = (id: string) => spend.find((p) => p.key === id)?.name ?? id;
  const unbudgeted = spend.filter((p) => !(p.key in budget.projects));
  // Main announces the change: the budgets reload from there.
  const save = (next: BudgetInput) => call('setBudget', { accountId: account.id, budget: next }).then(() => undefined);

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
          {budgeted.map(([id]) => (
            <ProjectBudgetRow
              key={id}
              budget={budget}
              projectId={id}
              name={nameOf(id)}
              noun={noun}
              spentMicros={spend.find((p) => p.key === id)?.micros ?? 0}
              onSave={save}
            />
          ))}
        </ul>
      )}
      <AddProjectBudget budget={budget} noun={noun} choices={unbudgeted} onSave={save} />
    </div>
  );
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function ProjectBudgetRow({
  budget,
  projectId,
  name,
  noun,
  spentMicros,
  onSave,
}: {
  budget: Budget;
  projectId: string;
  name: string;
  noun: string;
  spentMicros: number;
  onSave: (next: BudgetInput) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const changeRef = useRef<HTMLButtonElement>(null);
  const budgetMicros = budget.projects[projectId];
  const percent = sharePercent(spentMicros, budgetMicros);
  const used = budgetMicros > 0 ? Math.round((spentMicros * 100) / budgetMicros) : 0;
  const done = () => {
    setEditing(false);
    afterRender(() => changeRef.current?.focus());
  };
  const remove = () =>
    onSave({
      ...budget,
      projects: Object.fromEntries(Object.entries(budget.projects).filter(([k]) => k !== projectId)),
    });
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
        <BudgetForm
          className="inline-form"
          base={budget}
          projectId={projectId}
          projectNoun={noun}
          fields={{ amount: { label: `Monthly budget for ${name} (USD)` } }}
          autoFocus="amount"
          submitLabel="Save"
          onSave={onSave}
          onSaved={done}
          onCancel={done}
        />
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
          <button type="button" onClick={() => void remove()} aria-label={`Remove budget for ${name}`}>
            Remove budget for {name}
          </button>
        </div>
      )}
    </li>
  );
}

function AddProjectBudget({
  budget,
  noun,
  choices,
  onSave,
}: {
  budget: Budget;
  noun: string;
  choices: NamedAmount[];
  onSave: (next: BudgetInput) => Promise<void>;
}) {
  if (choices.length === 0) return <p className="muted">Every {noun} with spend this month has a budget.</p>;
  return (
    <BudgetForm
      className="inline-form"
      label={`Add a ${noun} budget`}
      base={budget}
      projectNoun={noun}
      fields={{
        project: {
          label: cap(noun),
          placeholder: `Choose a ${noun}…`,
          choices: choices.map((p) => ({ key: p.key, label: `${p.name} (${money(p.micros)} this month)` })),
        },
        amount: { label: 'Monthly budget (USD)' },
      }}
      ids={{ project: 'new-project-budget', amount: 'new-project-amount' }}
      submitLabel={`Add ${noun} budget`}
      onSave={onSave}
      resetAfterSave
      onSaved={() => afterRender(() => document.getElementById('new-project-budget')?.focus())}
      errorAfterActions
    />
  );
}
