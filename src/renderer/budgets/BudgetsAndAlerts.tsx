/**
 * Settings › Budgets & alerts: the chosen account's monthly budget, its project (or workspace) budgets with
 * progress, the provider's own spend controls where it has them, one quiet-hours setting for every alert, and
 * (behind a disclosure) snooze and quiet hours of its own per kind of alert.
 */
import { useQuery } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { ALERT_KINDS } from '../../shared/alert-kinds';
import {
  alertKindSchema,
  type AccountInfo,
  type AlertKind,
  type AlertPreference,
  type Budget,
  type BudgetInput,
} from '../../shared/domain';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { OpenAiSpendControls } from '../spend-controls/OpenAiSpendControls';
import { preferencesQuery } from '../lib/queries';
import { BudgetForm } from './BudgetForm';
import { ProjectBudgets } from './ProjectBudgets';
import { AlertPreferenceRow } from './AlertPreferenceRow';
import { QuietHoursForAll, sharedQuietHours } from './QuietHoursForAll';

const KINDS: { kind: AlertKind; label: string }[] = alertKindSchema.options.map((kind) => ({
  kind,
  label: ALERT_KINDS[kind].setting,
}));

/** Remounts the shared quiet-hours form when the hours every kind shares change (its fields start from them). */
const quietKey = (prefs: Partial<Record<AlertKind, AlertPreference>>) => {
  const shared = sharedQuietHours(
    KINDS.map((k) => k.kind),
    prefs,
  );
  return shared === null || shared === 'mixed' ? String(shared) : `${shared.start}-${shared.end}`;
};

export function BudgetsAndAlerts({
  account,
  accountChooser,
  hasAccounts,
}: {
  account: AccountInfo | null;
  accountChooser: ReactNode;
  hasAccounts: boolean;
}) {
  // Reloaded when main announces a change (a budget or an alert's snooze saved here, in another window, by the CLI).
  const prefs = useQuery(preferencesQuery).data ?? null;

  const budget = account && prefs ? (prefs.budgets[account.id] ?? null) : null;
  return (
    <section className="panel" id="budgets" aria-labelledby="budgets-title">
      <h2 id="budgets-title" tabIndex={-1}>
        Budgets &amp; alerts
      </h2>
      {accountChooser}
      <p className="muted">Budgets are per UTC month, as the providers bill. Each alert fires once per period.</p>
      {!hasAccounts && (
        <p className="muted">
          Add an account to set its budget. On demo data, the dashboard shows a demo budget you can try.
        </p>
      )}
      {prefs && account && (
        <>
          <AccountBudgetForm key={account.id} account={account} budget={budget} />
          {budget && <ProjectBudgets key={account.id} account={account} budget={budget} />}
          {PROVIDERS[account.provider].capabilities.spendControls && (
            <OpenAiSpendControls accountId={account.id} accountName={account.name} budget={budget} refreshOnShow />
          )}
        </>
      )}
      {prefs && (
        <>
          <h3>Notifications</h3>
          <QuietHoursForAll
            key={quietKey(prefs.alertPreferences)}
            kinds={KINDS.map((k) => k.kind)}
            preferences={prefs.alertPreferences}
          />
          <details className="per-kind-alerts">
            <summary>Each kind of alert: snooze it, or give it quiet hours of its own</summary>
            <div className="table-scroll-x" tabIndex={0} role="region" aria-label="Notification settings">
              <table className="prefs-table">
                <thead>
                  <tr>
                    <th scope="col">Alert</th>
                    <th scope="col">Snooze</th>
                    <th scope="col">Quiet hours (local time)</th>
                  </tr>
                </thead>
                <tbody>
                  {KINDS.map(({ kind, label }) => (
                    <AlertPreferenceRow
                      key={kind}
                      kind={kind}
                      label={label}
                      preference={prefs.alertPreferences[kind] ?? { snoozedUntil: null, quietHours: null }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function AccountBudgetForm({ account, budget }: { account: AccountInfo; budget: Budget | null }) {
  const id = `budget-${account.id}`;
  // Main announces the change: the budgets reload from there.
  const store = (next: BudgetInput | null) =>
    call('setBudget', { accountId: account.id, budget: next }).then(() => undefined);
  return (
    <BudgetForm
      className="form budget-form"
      labelledBy={`${id}-title`}
      idPrefix={id}
      base={budget}
      fields={{
        monthly: { label: 'Monthly budget (USD)' },
        daily: { label: 'Daily budget (USD, optional)' },
        thresholds: { label: 'Alert at (% of the monthly budget)' },
      }}
      onSave={store}
      savedMessage={`Budget saved for ${account.name}.`}
      onRemove={budget ? () => store(null) : undefined}
    >
      <h3 id={`${id}-title`}>Monthly budget for {account.name}</h3>
    </BudgetForm>
  );
}
