/**
 * OpenAI's own spend controls beside the Spendwatch budget: the hard monthly limit (is it enforcing?) and
 * the email spend alerts. Every change is confirmed first with its consequence spelled out, and goes to
 * OpenAI through main; what OpenAI answers is what is shown. Amounts are whole cents, never rounded.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { centsToMicros, limitConsequence, parseRecipients, parseWholeCents } from '../../shared/spend-control-amounts';
import type { AccountSpendControls, ScopeControls, SpendEmailAlert } from '../../shared/spend-controls';
import type { Budget } from '../../shared/domain';
import { call } from '../lib/bridge';
import { money } from '../lib/format';
import { fetchSpendControls, spendControlsQuery } from '../lib/queries';

interface Props {
  accountId: string;
  accountName: string;
  budget: Budget | null;
  /** Asks OpenAI for the current state when shown (Settings); the dashboard uses what Spendwatch knows. */
  refreshOnShow?: boolean;
  /** The dashboard card: the limit and any notice stay visible, the rest folds under "Manage at OpenAI". */
  compact?: boolean;
}

interface LimitTarget {
  projectId: string | null;
  /** "Acme Prod", or "Web app (Acme Prod)": who OpenAI would stop. */
  label: string;
  cents: number | null;
}

interface Pending {
  /** The consequence, stated before anything is sent to OpenAI. */
  text: string;
  confirmLabel: string;
  run: () => Promise<AccountSpendControls>;
}

const dollars = (cents: number) => money(centsToMicros(cents));

export function OpenAiSpendControls({ accountId, accountName, budget, refreshOnShow = false, compact = false }: Props) {
  const client = useQueryClient();
  const query = spendControlsQuery(accountId, refreshOnShow);
  const controls = useQuery(query).data ?? null;
  // What OpenAI answered a change with is what is shown (main also announces it: the views refetch).
  const setControls = (value: AccountSpendControls | null) => client.setQueryData(query.queryKey, value);
  const refreshFromOpenAi = () => fetchSpendControls(accountId, true).then(setControls, () => undefined);
  const [pending, setPending] = useState<Pending | null>(null);
  const [editing, setEditing] = useState<'limit' | 'alert' | 'mirror' | null>(null);
  /** The email alert being changed (null: a new one). */
  const [alertEdit, setAlertEdit] = useState<SpendEmailAlert | null>(null);
  /** Whose limit the limit form edits: the organisation, or one project. */
  const [target, setTarget] = useState<LimitTarget>({ projectId: null, label: accountName, cents: null });
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const account = controls?.scopes.find((s) => s.scope === 'account');
  const projects = controls?.scopes.filter((s) => s.scope !== 'account' && s.limit) ?? [];
  const limit = account?.limit ?? null;
  const projectScopes = controls?.scopes.filter((s) => s.scope !== 'account') ?? [];
  const editLimit = (next: LimitTarget) => {
    setTarget(next);
    setEditing('limit');
  };
  const removeLimit = (t: LimitTarget & { cents: number }) =>
    ask({
      text: `OpenAI will no longer stop API requests for ${t.label} at ${dollars(t.cents)} a month; only your Spendwatch budget will warn.`,
      confirmLabel: 'Remove OpenAI limit',
      run: () => call('removeSpendLimit', { accountId, projectId: t.projectId }),
    });

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      setControls(await pending.run());
      setMessage({ error: false, text: 'Saved at OpenAI.' });
      setEditing(null);
    } catch (error) {
      setMessage({ error: true, text: (error as Error).message });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const ask = (next: Pending) => {
    setMessage(null);
    setPending(next);
  };

  const manageBlock = (
    <>
      {controls && (
        <EmailAlerts
          scope={account}
          onRemove={(id, cents) =>
            ask({
              text: `OpenAI will stop emailing when ${accountName} reaches ${dollars(cents)} this month.`,
              confirmLabel: 'Remove email alert',
              run: () => call('removeSpendEmailAlert', { accountId, projectId: null, alertId: id }),
            })
          }
          onChange={(alert) => {
            setAlertEdit(alert);
            setEditing('alert');
          }}
        />
      )}
      {controls?.warning && (
        <p className="muted" role="status">
          {controls.warning}
        </p>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'muted'}>
          {message.text}
        </p>
      )}
      {pending ? (
        <Confirmation pending={pending} busy={busy} onConfirm={confirm} onCancel={() => setPending(null)} />
      ) : (
        controls && (
          <>
            {editing === 'limit' && (
              <LimitForm
                initial={target.cents}
                label={
                  target.projectId
                    ? `OpenAI hard limit for ${target.label} (USD a month)`
                    : 'OpenAI hard limit (USD a month)'
                }
                onCancel={() => setEditing(null)}
                onReview={(cents) =>
                  ask({
                    text: limitConsequence(target.label, dollars(cents)),
                    confirmLabel: `Set OpenAI limit to ${dollars(cents)}`,
                    run: () => call('setSpendLimit', { accountId, projectId: target.projectId, cents }),
                  })
                }
              />
            )}
            {editing === 'alert' && (
              <AlertForm
                initial={alertEdit}
                onCancel={() => {
                  setEditing(null);
                  setAlertEdit(null);
                }}
                onReview={(cents, recipients) =>
                  ask({
                    text: `OpenAI will email ${recipients.join(', ')} when ${accountName} has spent ${dollars(cents)} this month${alertEdit ? ` (instead of at ${dollars(alertEdit.cents)})` : ''}. It does not stop any requests.`,
                    confirmLabel: alertEdit ? 'Change email alert' : 'Add email alert',
                    run: () =>
                      alertEdit
                        ? call('updateSpendEmailAlert', {
                            accountId,
                            projectId: null,
                            alertId: alertEdit.id,
                            cents,
                            recipients,
                          })
                        : call('addSpendEmailAlert', { accountId, projectId: null, cents, recipients }),
                  })
                }
              />
            )}
            {editing === 'mirror' && budget && (
              <MirrorForm
                budget={budget}
                accountName={accountName}
                onCancel={() => setEditing(null)}
                onReview={(plan) =>
                  ask({
                    text: plan.text,
                    confirmLabel: 'Mirror to OpenAI',
                    run: async () => {
                      let last: AccountSpendControls | null = null;
                      if (plan.limitCents)
                        last = await call('setSpendLimit', { accountId, projectId: null, cents: plan.limitCents });
                      for (const cents of plan.alertCents)
                        last = await call('addSpendEmailAlert', {
                          accountId,
                          projectId: null,
                          cents,
                          recipients: plan.recipients,
                        });
                      return last ?? (await call('getSpendControls', { accountId, refresh: false }));
                    },
                  })
                }
              />
            )}
            {!editing && (
              <div className="form-actions">
                <button
                  type="button"
                  onClick={() => editLimit({ projectId: null, label: accountName, cents: limit?.cents ?? null })}
                >
                  {limit ? 'Change OpenAI limit' : 'Set OpenAI limit'}
                </button>
                {limit && (
                  <button
                    type="button"
                    onClick={() => removeLimit({ projectId: null, label: accountName, cents: limit.cents })}
                  >
                    Remove OpenAI limit
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => {
                    setAlertEdit(null);
                    setEditing('alert');
                  }}
                >
                  Add email alert
                </button>
                {budget && (
                  <button type="button" onClick={() => setEditing('mirror')}>
                    Mirror this budget to OpenAI
                  </button>
                )}
                <button type="button" className="link-button" onClick={() => void refreshFromOpenAi()}>
                  Refresh from OpenAI
                </button>
              </div>
            )}
            {!editing && projectScopes.length > 0 && (
              <ul className="amount-list" aria-label="OpenAI project limits">
                {projectScopes.map((p) => {
                  const id = p.scope.slice('project:'.length);
                  const label = `${p.name ?? id} (${accountName})`;
                  return (
                    <li key={p.scope}>
                      <span>
                        {p.name ?? id}:{' '}
                        {p.limit
                          ? `${dollars(p.limit.cents)} a month`
                          : p.limitCheckedAt
                            ? 'no hard limit'
                            : 'not checked yet'}
                      </span>
                      <span className="row-actions">
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => editLimit({ projectId: id, label, cents: p.limit?.cents ?? null })}
                        >
                          {p.limit ? `Change limit for ${p.name ?? id}` : `Set limit for ${p.name ?? id}`}
                        </button>
                        {p.limit && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => removeLimit({ projectId: id, label, cents: p.limit!.cents })}
                          >
                            Remove limit for {p.name ?? id}
                          </button>
                        )}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )
      )}
    </>
  );

  return (
    <section className="openai-controls" aria-labelledby={headingId}>
      <h3 id={headingId}>OpenAI spend controls</h3>
      {!controls ? (
        <p className="muted">Loading what OpenAI has set…</p>
      ) : (
        <>
          <LimitLine name={accountName} scope={account} />
          {projects.map((p) => (
            <LimitLine key={p.scope} name={`${p.name ?? p.scope.slice('project:'.length)}`} scope={p} />
          ))}
          <Difference budget={budget} limitCents={limit?.cents ?? null} checked={Boolean(account?.limitCheckedAt)} />
          {controls.readOnly && (
            <p className="field-error" role="status">
              This admin key can read but not change OpenAI&apos;s spend limits and alerts. Create an admin key with
              write permission for them to change them here.
            </p>
          )}
        </>
      )}
      {compact ? (
        <details className="openai-manage" open={Boolean(pending || editing || message)}>
          <summary>Manage at OpenAI</summary>
          {manageBlock}
        </details>
      ) : (
        manageBlock
      )}
    </section>
  );
}

function LimitLine({ name, scope }: { name: string; scope: ScopeControls | undefined }) {
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

function Difference({
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

function EmailAlerts({
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

function Confirmation({
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

function AmountField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label>
      {label}
      <input inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} required />
    </label>
  );
}

function FormShell({
  label,
  error,
  children,
  onSubmit,
  onCancel,
  submitLabel,
}: {
  label: string;
  error: string | null;
  children: ReactNode;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
  submitLabel: string;
}) {
  return (
    <form className="form compact" aria-label={label} onSubmit={onSubmit}>
      {children}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">{submitLabel}</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function parseCents(text: string): number | null {
  try {
    const cents = parseWholeCents(text);
    return cents > 0 ? cents : null;
  } catch {
    return null;
  }
}

function LimitForm({
  initial,
  label,
  onReview,
  onCancel,
}: {
  initial: number | null;
  label: string;
  onReview: (cents: number) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial ? (initial / 100).toFixed(2) : '');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseCents(value);
    if (cents === null) return setError('Enter the limit in dollars with at most two decimals, such as 750 or 750.25.');
    onReview(cents);
  };
  return (
    <FormShell label="OpenAI hard limit" error={error} onSubmit={submit} onCancel={onCancel} submitLabel="Review limit">
      <AmountField label={label} value={value} onChange={setValue} />
    </FormShell>
  );
}

function AlertForm({
  initial,
  onReview,
  onCancel,
}: {
  initial: SpendEmailAlert | null;
  onReview: (cents: number, recipients: string[]) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial ? (initial.cents / 100).toFixed(2) : '');
  const [emails, setEmails] = useState(initial ? initial.recipients.join(', ') : '');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseCents(value);
    const recipients = parseRecipients(emails);
    if (cents === null) return setError('Enter the threshold in dollars with at most two decimals, such as 500.');
    if (!recipients) return setError('Enter one to ten email addresses, separated by commas.');
    onReview(cents, recipients);
  };
  return (
    <FormShell
      label="OpenAI email alert"
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Review email alert"
    >
      <AmountField label="Email when the month reaches (USD)" value={value} onChange={setValue} />
      <label>
        Email addresses (comma-separated)
        <input type="text" value={emails} onChange={(e) => setEmails(e.target.value)} required />
      </label>
    </FormShell>
  );
}

interface MirrorPlan {
  limitCents: number | null;
  alertCents: number[];
  recipients: string[];
  text: string;
}

function MirrorForm({
  budget,
  accountName,
  onReview,
  onCancel,
}: {
  budget: Budget;
  accountName: string;
  onReview: (plan: MirrorPlan) => void;
  onCancel: () => void;
}) {
  const [withLimit, setWithLimit] = useState(true);
  const [withAlerts, setWithAlerts] = useState(false);
  const [emails, setEmails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const budgetCents = budget.monthlyMicros % 10_000 === 0 ? budget.monthlyMicros / 10_000 : null;
  // A threshold's amount, rounded down to a whole cent (OpenAI only takes cents): shown before sending.
  const alertCents =
    budgetCents === null ? [] : budget.thresholds.map((t) => Math.floor((budgetCents * t) / 100)).filter((c) => c > 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (budgetCents === null)
      return setError('This budget is not a whole number of cents; OpenAI only takes cents. Change the budget first.');
    if (!withLimit && !withAlerts) return setError('Choose a hard limit, email alerts, or both.');
    const recipients = withAlerts ? parseRecipients(emails) : [];
    if (withAlerts && !recipients) return setError('Enter one to ten email addresses, separated by commas.');
    const parts = [];
    if (withLimit) parts.push(limitConsequence(accountName, dollars(budgetCents)));
    if (withAlerts)
      parts.push(`OpenAI will email ${recipients!.join(', ')} at ${alertCents.map(dollars).join(', ')} this month.`);
    onReview({
      limitCents: withLimit ? budgetCents : null,
      alertCents: withAlerts ? alertCents : [],
      recipients: recipients ?? [],
      text: parts.join(' '),
    });
  };
  return (
    <FormShell
      label="Mirror this budget to OpenAI"
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Review mirror"
    >
      <label className="inline-check">
        <input type="checkbox" checked={withLimit} onChange={(e) => setWithLimit(e.target.checked)} /> A hard limit at
        the budget ({money(budget.monthlyMicros)})
      </label>
      <label className="inline-check">
        <input type="checkbox" checked={withAlerts} onChange={(e) => setWithAlerts(e.target.checked)} /> Email alerts at{' '}
        {budget.thresholds.join(', ')}% ({alertCents.map(dollars).join(', ')})
      </label>
      {withAlerts && (
        <label>
          Email addresses (comma-separated)
          <input type="text" value={emails} onChange={(e) => setEmails(e.target.value)} required />
        </label>
      )}
    </FormShell>
  );
}
