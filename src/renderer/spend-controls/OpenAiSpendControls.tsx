/**
 * OpenAI's own spend controls beside the Spendwatch budget: the hard monthly limit (is it enforcing?) and
 * the email spend alerts. Every change is confirmed first with its consequence spelled out, and goes to
 * OpenAI through main; what OpenAI answers is what is shown. Amounts are whole cents, never rounded.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { limitConsequence } from '../../shared/spend-control-amounts';
import type { AccountSpendControls, SpendEmailAlert } from '../../shared/spend-controls';
import type { Budget } from '../../shared/domain';
import { call } from '../lib/bridge';
import { fetchSpendControls, spendControlsQuery } from '../lib/queries';
import { AlertForm, LimitForm, MirrorForm } from './SpendControlForms';
import {
  Confirmation,
  Difference,
  dollars,
  EmailAlerts,
  LimitLine,
  ProjectLimitList,
  type LimitTarget,
  type Pending,
} from './SpendControlsStatus';

interface Props {
  accountId: string;
  accountName: string;
  budget: Budget | null;
  /** Asks OpenAI for the current state when shown (Settings); the dashboard uses what Spendwatch knows. */
  refreshOnShow?: boolean;
  /** The dashboard card: the limit and any notice stay visible, the rest folds under "Manage at OpenAI". */
  compact?: boolean;
}

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
            {!editing && (
              <ProjectLimitList
                scopes={projectScopes}
                accountName={accountName}
                onEdit={editLimit}
                onRemove={removeLimit}
              />
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
