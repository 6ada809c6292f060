/** Settings › Budgets & alerts: each account's budgets, and snooze / quiet hours for each kind of alert. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_THRESHOLDS_TEXT } from '../../shared/constants';
import { ALERT_KINDS } from '../../shared/alert-kinds';
import { alertKindSchema, type AccountInfo, type AlertKind, type AlertPreference, type Budget } from '../../shared/domain';
import { microsToDecimal, parseUserAmount } from '../../shared/money';
import { call, subscribe } from '../bridge';
import { OpenAiSpendControls } from '../spend-controls/OpenAiSpendControls';

const KINDS: { kind: AlertKind; label: string }[] = alertKindSchema.options.map((kind) => ({ kind, label: ALERT_KINDS[kind].setting }));

type Preferences = Awaited<ReturnType<typeof loadPreferences>>;
const loadPreferences = () => call('getPreferences', {});

export function BudgetsAndAlerts({ accounts }: { accounts: AccountInfo[] }) {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const reload = useCallback(() => {
    loadPreferences().then(setPrefs, () => undefined);
  }, []);
  useEffect(() => {
    reload();
    window.addEventListener('spendwatch:prefs', reload);
    const off = subscribe('snapshotChanged', reload);
    return () => {
      off();
      window.removeEventListener('spendwatch:prefs', reload);
    };
  }, [reload]);
  if (!prefs) return null;

  return (
    <section className="panel" id="budgets" aria-labelledby="budgets-title">
      <h2 id="budgets-title">Budgets &amp; alerts</h2>
      <p className="muted">Budgets are per UTC month, as OpenAI bills. Each alert fires once per period.</p>
      {accounts.length === 0 && <p className="muted">Add an account to set its budget.</p>}
      {accounts.map((a) => (
        <div key={a.id}>
          <AccountBudgetForm account={a} budget={prefs.budgets[a.id] ?? null} />
          <OpenAiSpendControls accountId={a.id} accountName={a.name} budget={prefs.budgets[a.id] ?? null} refreshOnShow />
        </div>
      ))}
      <h3>Notifications</h3>
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
            <AlertPreferenceRow key={kind} kind={kind} label={label} preference={prefs.alertPreferences[kind] ?? { snoozedUntil: null, quietHours: null }} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AccountBudgetForm({ account, budget }: { account: AccountInfo; budget: Budget | null }) {
  const [monthly, setMonthly] = useState(budget ? microsToDecimal(budget.monthlyMicros) : '');
  const [daily, setDaily] = useState(budget?.dailyMicros ? microsToDecimal(budget.dailyMicros) : '');
  const [thresholds, setThresholds] = useState(budget ? budget.thresholds.join(', ') : DEFAULT_THRESHOLDS_TEXT);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const id = `budget-${account.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const monthlyMicros = parseUserAmount(monthly);
      const dailyMicros = daily.trim() ? parseUserAmount(daily) : null;
      const list = thresholds.split(',').map((t) => Number(t.trim()));
      if (monthlyMicros <= 0 || (dailyMicros !== null && dailyMicros <= 0) || list.some((t) => !Number.isInteger(t) || t < 1 || t > 1000)) throw new Error();
      await call('setBudget', { accountId: account.id, budget: { monthlyMicros, dailyMicros, thresholds: list, projects: budget?.projects ?? {} } });
      setMessage({ error: false, text: 'Saved.' });
    } catch (e) {
      setMessage({ error: true, text: e instanceof Error && e.message ? e.message : 'Enter amounts in dollars (such as 500) and thresholds as whole percentages (such as 50, 80, 100).' });
    }
  };

  return (
    <form className="form budget-form" onSubmit={submit} aria-labelledby={id}>
      <h3 id={id}>{account.name}</h3>
      <label>
        Monthly budget (USD)
        <input inputMode="decimal" value={monthly} onChange={(e) => setMonthly(e.target.value)} required />
      </label>
      <label>
        Daily budget (USD, optional)
        <input inputMode="decimal" value={daily} onChange={(e) => setDaily(e.target.value)} />
      </label>
      <label>
        Alert at (% of the monthly budget)
        <input value={thresholds} onChange={(e) => setThresholds(e.target.value)} />
      </label>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'muted'}>
          {message.text}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save budget for {account.name}</button>
        {budget && (
          <button type="button" onClick={() => call('setBudget', { accountId: account.id, budget: null }).then(() => setMessage({ error: false, text: 'Budget removed.' }))}>
            Remove budget
          </button>
        )}
      </div>
    </form>
  );
}

function AlertPreferenceRow({ kind, label, preference }: { kind: AlertKind; label: string; preference: AlertPreference }) {
  const save = (next: AlertPreference) => void call('setAlertPreference', { kind, preference: next }).then(() => window.dispatchEvent(new Event('spendwatch:prefs')));
  // The time the row was shown: whether a snooze is over is re-read whenever preferences reload.
  const [shownAt] = useState(() => Date.now());
  const snoozed = preference.snoozedUntil && Date.parse(preference.snoozedUntil) > shownAt;
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
            onChange={(e) => e.target.value && save({ ...preference, snoozedUntil: new Date(Date.now() + Number(e.target.value) * 3_600_000).toISOString() })}
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
        <input type="time" aria-label={`${label} quiet hours start`} value={start} onChange={(e) => setStart(e.target.value)} onBlur={() => preference.quietHours && save({ ...preference, quietHours: { start, end } })} />
        {' – '}
        <input type="time" aria-label={`${label} quiet hours end`} value={end} onChange={(e) => setEnd(e.target.value)} onBlur={() => preference.quietHours && save({ ...preference, quietHours: { start, end } })} />
      </td>
    </tr>
  );
}
