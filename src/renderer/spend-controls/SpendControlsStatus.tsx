/** What OpenAI has set, as OpenAiSpendControls shows it: each limit, how it compares to the budget, the email alerts. */
import { useId } from 'react';
import type { Budget } from '../../shared/domain';
import { centsToMicros } from '../../shared/spend-control-amounts';
import type { AccountSpendControls, ScopeControls, SpendEmailAlert } from '../../shared/spend-controls';
import { money } from '../lib/format';

/** A change at OpenAI waiting for its confirmation. */
export interface Pending {
  /** The consequence, stated before anything is sent to OpenAI. */
  text: string;
  confirmLabel: string;
  run: () => Promise<AccountSpendControls>;
}

/** Whose limit the limit form edits: the organisation, or one project. */
export interface LimitTarget {
  projectId: string | null;
  /** "Acme Prod", or "Web app (Acme Prod)": who OpenAI would stop. */
  label: string;
  cents: number | null;
}

export const dollars = (cents: number) => money(centsToMicros(cents));

export function LimitLine({ name, scope }: { name: string; scope: ScopeControls | undefined }) {
  if (!scope?.limitCheckedAt) return <p className="muted">OpenAI hard limit for {name}: not checked yet.</p>;
  if (!scope.limit) return <p>No hard limit at OpenAI for {name}.</p>;
  return (
    <p>
      OpenAI hard limit for {name}: <strong>{dollars(scope.limit.cents)}</strong> a month{' '}
      {scope.limit.enforcing ? (
        <span className="badge badge-enforcing" role="status">
          Enforcing — OpenAI is rejecting API requests
        </span>
      ) : (
        <span className="muted">(not reached)</span>
      )}
    </p>
  );
}

export function Difference({
  budget,
  limitCents,
  checked,
}: {
  budget: Budget | null;
  limitCents: number | null;
  checked: boolean;
}) {
  if (!budget || !checked) return null;
  const budgetMicros = budget.monthlyMicros;
  if (limitCents !== null && centsToMicros(limitCents) === budgetMicros)
    return <p className="muted">OpenAI&apos;s hard limit matches your Spendwatch budget.</p>;
  const text =
    limitCents === null
      ? `OpenAI has no hard limit: your ${money(budgetMicros)} Spendwatch budget only warns, it does not stop requests.`
      : `OpenAI's hard limit (${dollars(limitCents)}) differs from your Spendwatch budget (${money(budgetMicros)}).`;
  return <p className="notice">{text}</p>;
}

export function EmailAlerts({
  scope,
  onRemove,
  onChange,
}: {
  scope: ScopeControls | undefined;
  onRemove: (id: string, cents: number) => void;
  onChange: (alert: SpendEmailAlert) => void;
}) {
  if (!scope?.emailAlerts) return <p className="muted">OpenAI email alerts: not loaded yet (Refresh from OpenAI).</p>;
  if (!scope.emailAlerts.length) return <p className="muted">No email alerts at OpenAI.</p>;
  return (
    <ul className="amount-list" aria-label="OpenAI email alerts">
      {scope.emailAlerts.map((a) => (
        <li key={a.id}>
          <span>
            Email at {dollars(a.cents)} → {a.recipients.join(', ')}
          </span>
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(a)}
              aria-label={`Change email alert at ${dollars(a.cents)}`}
            >
              Change
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => onRemove(a.id, a.cents)}
              aria-label={`Remove email alert at ${dollars(a.cents)}`}
            >
              Remove
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Confirmation({
  pending,
  busy,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const textId = useId();
  return (
    <div className="confirmation" role="alertdialog" aria-label="Confirm change at OpenAI" aria-describedby={textId}>
      <p id={textId}>{pending.text}</p>
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={onConfirm}>
          {pending.confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Each OpenAI project's own limit, with buttons to set, change or remove it. */
export function ProjectLimitList({
  scopes,
  accountName,
  onEdit,
  onRemove,
}: {
  scopes: ScopeControls[];
  accountName: string;
  onEdit: (target: LimitTarget) => void;
  onRemove: (target: LimitTarget & { cents: number }) => void;
}) {
  if (scopes.length === 0) return null;
  // A table: each project's actions sit in its own row, beside its name and limit (not across the panel).
  return (
    <div className="table-scroll-x" tabIndex={0} role="region" aria-label="OpenAI project limits">
      <table className="compact-table project-limits">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">OpenAI hard limit</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((p) => {
            const id = p.scope.slice('project:'.length);
            const name = p.name ?? id;
            const label = `${name} (${accountName})`;
            return (
              <tr key={p.scope}>
                <th scope="row" title={name}>
                  {name}
                </th>
                <td>
                  {p.limit
                    ? `${dollars(p.limit.cents)} a month`
                    : p.limitCheckedAt
                      ? 'no hard limit'
                      : 'not checked yet'}
                </td>
                <td>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={p.limit ? `Change limit for ${name}` : `Set limit for ${name}`}
                      onClick={() => onEdit({ projectId: id, label, cents: p.limit?.cents ?? null })}
                    >
                      {p.limit ? 'Change limit' : 'Set limit'}
                    </button>
                    {p.limit && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Remove limit for ${name}`}
                        onClick={() => onRemove({ projectId: id, label, cents: p.limit!.cents })}
                      >
                        Remove limit
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
