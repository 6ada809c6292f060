/**
 * Settings › Budgets & alerts: the chosen account's monthly budget, its project (or workspace) budgets with
 * progress, the provider's own spend controls where it has them, and snooze / quiet hours per kind of alert.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_THRESHOLDS_TEXT } from '../../shared/constants';
import { ALERT_KINDS } from '../../shared/alert-kinds';
import {
  alertKindSchema,
  type AccountInfo,
  type AlertKind,
  type AlertPreference,
  type Budget,
} from '../../shared/domain';
import { microsToDecimal, parseUserAmount } from '../../shared/money';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { afterRender, focusFirstInvalid } from '../lib/hooks/focus';
import { OpenAiSpendControls } from '../spend-controls/OpenAiSpendControls';
import { FieldError } from '../lib/ui/FieldError';
import { preferencesQuery } from '../lib/queries';
import { ProjectBudgets } from './ProjectBudgets';

const KINDS: { kind: AlertKind; label: string }[] = alertKindSchema.options.map((kind) => ({
  kind,
  label: ALERT_KINDS[kind].setting,
}));

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
        </>
      )}
    </section>
  );
}

type BudgetErrors = Partial<Record<'monthly' | 'daily' | 'thresholds' | 'save', string>>;

function amountOrNull(text: string): number | null {
  try {
    return parseUserAmount(text);
  } catch {
    return null;
  }
}

/** Checks the form the way a person would, field by field, with a message that says what to type. */
function budgetFormErrors(monthly: string, daily: string, thresholds: string): BudgetErrors {
  const errors: BudgetErrors = {};
  const m = monthly.trim() ? amountOrNull(monthly) : null;
  if (!monthly.trim()) errors.monthly = 'Enter the monthly budget';
  else if (m === null || m <= 0) errors.monthly = 'Enter the monthly budget in dollars, such as 500';
  if (daily.trim()) {
    const d = amountOrNull(daily);
    if (d === null || d <= 0) errors.daily = 'Enter the daily budget in dollars, such as 25, or leave it empty';
  }
  const list = thresholds.split(',').map((t) => t.trim());
  if (!thresholds.trim() || list.some((t) => !/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 1000))
    errors.thresholds = 'Enter whole percentages separated by commas, such as 50, 80, 100';
  return errors;
}

function AccountBudgetForm({ account, budget }: { account: AccountInfo; budget: Budget | null }) {
  const [monthly, setMonthly] = useState(budget ? microsToDecimal(budget.monthlyMicros) : '');
  const [daily, setDaily] = useState(budget?.dailyMicros ? microsToDecimal(budget.dailyMicros) : '');
  const [thresholds, setThresholds] = useState(budget ? budget.thresholds.join(', ') : DEFAULT_THRESHOLDS_TEXT);
  const [errors, setErrors] = useState<BudgetErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const id = `budget-${account.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    const found = budgetFormErrors(monthly, daily, thresholds);
    setErrors(found);
    if (Object.keys(found).length) return afterRender(() => focusFirstInvalid(formRef.current));
    try {
      await call('setBudget', {
        accountId: account.id,
        budget: {
          monthlyMicros: parseUserAmount(monthly),
          dailyMicros: daily.trim() ? parseUserAmount(daily) : null,
          thresholds: thresholds.split(',').map((t) => Number(t.trim())),
          projects: budget?.projects ?? {},
        },
      });
      setStatus(`Budget saved for ${account.name}.`);
    } catch (e) {
      setErrors({ save: (e as Error).message });
    }
  };
  const remove = async () => {
    await call('setBudget', { accountId: account.id, budget: null }).catch((e: Error) =>
      setErrors({ save: e.message }),
    );
    afterRender(() => document.getElementById(`${id}-monthly`)?.focus());
  };
  useEffect(() => {
    if (status) statusRef.current?.focus();
  }, [status]);

  const field = (
    key: 'monthly' | 'daily' | 'thresholds',
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { inputMode?: 'decimal' } = {},
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        {...extra}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
        autoComplete="off"
      />
      <FieldError id={`${id}-${key}-error`} message={errors[key]} />
    </div>
  );

  return (
    <form ref={formRef} className="form budget-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>Monthly budget for {account.name}</h3>
      {field('monthly', 'Monthly budget (USD)', monthly, setMonthly, { inputMode: 'decimal' })}
      {field('daily', 'Daily budget (USD, optional)', daily, setDaily, { inputMode: 'decimal' })}
      {field('thresholds', 'Alert at (% of the monthly budget)', thresholds, setThresholds)}
      {errors.save && (
        <p role="alert" className="field-error">
          {errors.save}
        </p>
      )}
      {status && (
        <p role="status" className="status-ok" tabIndex={-1} ref={statusRef}>
          {status}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save budget</button>
        {budget && (
          <button type="button" onClick={() => void remove()}>
            Remove budget
          </button>
        )}
      </div>
    </form>
  );
}

function AlertPreferenceRow({
  kind,
  label,
  preference,
}: {
  kind: AlertKind;
  label: string;
  preference: AlertPreference;
}) {
  const save = (next: AlertPreference) => void call('setAlertPreference', { kind, preference: next });
  // The time the row was shown: whether a snooze is over is re-read whenever preferences reload.
  const [shownAt] = useState(() => Date.now());
  // As the alert engine reads it: a snooze ending more than a week away (set while the clock ran ahead) is over.
  const snoozed =
    preference.snoozedUntil &&
    Date.parse(preference.snoozedUntil) > shownAt &&
    Date.parse(preference.snoozedUntil) - shownAt <= 7 * 86_400_000;
  const [start, setStart] = useState(preference.quietHours?.start ?? '22:00');
  const [end, setEnd] = useState(preference.quietHours?.end ?? '07:00');
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {snoozed ? (
          <>
            <span className="muted">until {new Date(preference.snoozedUntil!).toLocaleString()}</span>{' '}
            <button type="button" onClick={() => save({ ...preference, snoozedUntil: null })}>
              Resume
            </button>
          </>
        ) : (
          <select
            aria-label={`Snooze ${label}`}
            value=""
            onChange={(e) =>
              e.target.value &&
              save({
                ...preference,
                snoozedUntil: new Date(Date.now() + Number(e.target.value) * 3_600_000).toISOString(),
              })
            }
          >
            <option value="">Not snoozed</option>
            <option value="1">1 hour</option>
            <option value="8">8 hours</option>
            <option value="24">1 day</option>
            <option value="168">1 week</option>
          </select>
        )}
      </td>
      <td>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={preference.quietHours !== null}
            onChange={(e) => save({ ...preference, quietHours: e.target.checked ? { start, end } : null })}
          />{' '}
          Quiet hours for {label}
        </label>{' '}
        <input
          type="time"
          aria-label={`${label} quiet hours start`}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          onBlur={() => preference.quietHours && save({ ...preference, quietHours: { start, end } })}
        />
        {' – '}
        <input
          type="time"
          aria-label={`${label} quiet hours end`}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          onBlur={() => preference.quietHours && save({ ...preference, quietHours: { start, end } })}
        />
      </td>
    </tr>
  );
}
