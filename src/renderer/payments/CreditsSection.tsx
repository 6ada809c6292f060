/**
 * Settings › Credits & balance: prepaid purchases and grants, the balance read off OpenAI's billing page,
 * Spendwatch's estimate of today's balance (labelled as one), runway, and auto-recharge.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { addDays, formatDay } from '../../shared/dates';
import type { ChannelOutput } from '../../shared/ipc-contract';
import type { ProviderId } from '../../shared/domain';
import { PROVIDERS } from '../../shared/providers';
import { parseUserAmount } from '../../shared/money';
import { call } from '../lib/bridge';
import { ExternalLink } from '../lib/ui/links';
import { actionsHeader, SimpleTable } from '../lib/ui/SimpleTable';
import { money } from '../lib/format';

type AccountCredits = ChannelOutput<'getPayments'>['accounts'][number];

export function CreditsSection({
  account,
  provider,
  accountChooser,
  today,
}: {
  account: AccountCredits | null;
  provider: ProviderId;
  accountChooser: ReactNode;
  today: string;
}) {
  const info = PROVIDERS[provider];
  return (
    <section className="panel" id="credits" aria-labelledby="credits-title">
      <h2 id="credits-title" tabIndex={-1}>
        Credits &amp; balance
      </h2>
      {accountChooser}
      <p className="muted">
        {info.name}’s API does not report your prepaid balance. Record the balance shown on{' '}
        <ExternalLink href={info.links.billing}>{info.name}’s billing page</ExternalLink> and Spendwatch estimates it
        from then on. Prepaid credit expires a year after purchase.
      </p>
      {account ? (
        <AccountCreditsPanel key={account.accountId} account={account} providerName={info.name} today={today} />
      ) : (
        <p className="muted">Add an account first.</p>
      )}
    </section>
  );
}

function amountOrNull(text: string): number | null {
  try {
    return parseUserAmount(text);
  } catch {
    return null;
  }
}

function AccountCreditsPanel({
  account,
  providerName,
  today,
}: {
  account: AccountCredits;
  providerName: string;
  today: string;
}) {
  const { estimate, credits } = account;
  const [balance, setBalance] = useState('');
  const [asOf, setAsOf] = useState(today);
  const [threshold, setThreshold] = useState(
    credits.autoRecharge ? String(credits.autoRecharge.thresholdMicros / 1e6) : '',
  );
  const [recharge, setRecharge] = useState(credits.autoRecharge ? String(credits.autoRecharge.amountMicros / 1e6) : '');
  const [kind, setKind] = useState<'purchase' | 'grant'>('purchase');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today);
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = account.accountId;

  /** A plain message, and focus on the field to fix (the form's first input), never lost to <body>. */
  const invalid = (e: FormEvent, message: string) => {
    setError(message);
    (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input')?.focus();
  };
  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch((e: Error) => setError(e.message));
  };
  const saveBalance = (e: FormEvent) => {
    e.preventDefault();
    const micros = amountOrNull(balance);
    if (micros === null)
      return invalid(e, 'Enter the balance in dollars, such as 120.50 (negative if OpenAI shows it so).');
    run(() =>
      call('setRecordedBalance', { accountId: id, balance: { amountMicros: micros, asOf } }).then(() => setBalance('')),
    );
  };
  const saveRecharge = (e: FormEvent) => {
    e.preventDefault();
    const t = amountOrNull(threshold);
    const r = amountOrNull(recharge);
    if (t === null || r === null || r <= 0 || t < 0)
      return invalid(e, 'Enter the auto-recharge threshold and amount in dollars.');
    run(() => call('setAutoRecharge', { accountId: id, autoRecharge: { thresholdMicros: t, amountMicros: r } }));
  };
  const addEntry = (e: FormEvent) => {
    e.preventDefault();
    const micros = amountOrNull(amount);
    if (micros === null || micros <= 0) return invalid(e, 'Enter the credit amount in dollars, such as 100.');
    run(() =>
      call('addCredit', {
        accountId: id,
        kind,
        amountMicros: micros,
        date,
        ...(expires ? { expiresOn: expires } : {}),
        note: '',
      }).then(() => setAmount('')),
    );
  };

  return (
    <div className="credits-account" aria-label={`Credits for ${account.name}`} role="group">
      <h3>{account.name}</h3>
      {estimate ? (
        <div className="estimate" data-testid={`balance-${id}`}>
          <p className="kpi-value">
            {money(estimate.estimateMicros)} <span className="badge">estimate</span>
          </p>
          <p className="muted">
            {money(estimate.recordedMicros)} recorded on {formatDay(estimate.asOf)}, less{' '}
            {money(estimate.spentSinceMicros)} of costs on the UTC days since
            {estimate.addedSinceMicros ? `, plus ${money(estimate.addedSinceMicros)} of credit added` : ''}.
          </p>
          <p>
            {estimate.runwayDays === null
              ? 'Not enough recent spend to estimate a runway.'
              : estimate.runwayDays === 0
                ? 'Probably used up: buy credit or check auto-recharge.'
                : `About ${estimate.runwayDays} day${estimate.runwayDays === 1 ? '' : 's'} of runway at the current pace (until about ${formatDay(estimate.runsOutOn!)}).`}
            {estimate.nextRechargeOn && ` Next auto-recharge expected around ${formatDay(estimate.nextRechargeOn)}.`}
          </p>
        </div>
      ) : (
        <p className="muted">No balance recorded yet.</p>
      )}
      <form className="inline-form" onSubmit={saveBalance} noValidate>
        <label>
          Balance shown on {providerName} (USD)
          <input inputMode="decimal" value={balance} onChange={(e) => setBalance(e.target.value)} required />
        </label>
        <label>
          As of
          <input type="date" value={asOf} max={today} onChange={(e) => setAsOf(e.target.value)} required />
        </label>
        <button type="submit">Record balance</button>
      </form>
      <form className="inline-form" onSubmit={saveRecharge} noValidate>
        <label>
          Auto-recharge when below (USD)
          <input inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </label>
        <label>
          Recharge amount (USD)
          <input inputMode="decimal" value={recharge} onChange={(e) => setRecharge(e.target.value)} />
        </label>
        <button type="submit">Save auto-recharge</button>
        {credits.autoRecharge && (
          <button
            type="button"
            onClick={() => run(() => call('setAutoRecharge', { accountId: id, autoRecharge: null }))}
          >
            No auto-recharge
          </button>
        )}
      </form>
      <h4>Purchases and grants</h4>
      {credits.entries.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <SimpleTable
          className="compact-table"
          head={['Kind', 'Amount', 'Date', 'Expires', actionsHeader]}
          rows={credits.entries.map((c) => ({
            key: c.id,
            cells: [
              c.kind === 'grant' ? 'Grant' : 'Purchase',
              money(c.amountMicros),
              c.date,
              c.expiresOn,
              <button
                key="remove"
                type="button"
                className="link-button"
                onClick={() => run(() => call('removeCredit', { accountId: id, entryId: c.id }))}
              >
                Remove
              </button>,
            ],
            cellClass: [
              undefined,
              undefined,
              c.expiresOn < today ? 'status-problem' : c.expiresOn <= addDays(today, 30) ? 'status-warning' : undefined,
            ],
          }))}
        />
      )}
      <form className="inline-form" onSubmit={addEntry} noValidate>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as 'purchase' | 'grant')}>
            <option value="purchase">Prepaid purchase</option>
            <option value="grant">Credit grant</option>
          </select>
        </label>
        <label>
          Credit amount (USD)
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        <label>
          Date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label>
          Expires (default: a year later)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <button type="submit">Add credit</button>
      </form>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
