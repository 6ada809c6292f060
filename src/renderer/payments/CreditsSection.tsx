/**
 * Settings › Credits & balance: prepaid purchases and grants, the balance read off OpenAI's billing page,
 * Spendwatch's estimate of today's balance (labelled as one), runway, and auto-recharge.
 */
import { useState, type ReactNode } from 'react';
import { addDays, formatDay } from '../../shared/dates';
import type { ChannelOutput } from '../../shared/ipc-contract';
import type { ProviderId } from '../../shared/domain';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { ExternalLink } from '../lib/ui/links';
import { actionsHeader, SimpleTable } from '../lib/ui/SimpleTable';
import { money } from '../lib/format';
import { AutoRechargeForm, BalanceForm, CreditEntryForm } from './CreditForms';
import { basisText, readingDayText, runwayText } from './balance-words';

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
  const [error, setError] = useState<string | null>(null);
  const id = account.accountId;
  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch((e: Error) => setError(e.message));
  };

  return (
    <div className="credits-account" aria-label={`Credits for ${account.name}`} role="group">
      <h3>{account.name}</h3>
      {estimate ? (
        <div className="estimate" data-testid={`balance-${id}`}>
          <p className="kpi-value">
            {money(estimate.estimateMicros)} <span className="badge">estimate</span>
          </p>
          <p className="muted">{basisText(estimate)}</p>
          {readingDayText(estimate) && (
            <p className="muted" data-testid={`reading-day-${id}`}>
              {readingDayText(estimate)}
            </p>
          )}
          <p>
            {runwayText(estimate)}
            {estimate.nextRechargeOn && ` Next auto-recharge expected around ${formatDay(estimate.nextRechargeOn)}.`}
          </p>
        </div>
      ) : (
        <p className="muted">No balance recorded yet.</p>
      )}
      <BalanceForm accountId={id} providerName={providerName} today={today} />
      <AutoRechargeForm accountId={id} current={credits.autoRecharge} onError={setError} />
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
      <CreditEntryForm accountId={id} today={today} />
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
