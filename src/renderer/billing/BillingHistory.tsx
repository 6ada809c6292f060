/**
 * Billing history: one row per UTC month with its change and its invoice's reconciliation status, expandable
 * by project and line item and into the month's reconciliation; CSV export.
 */
import { Fragment, lazy, memo, Suspense, useState } from 'react';
import type { DashboardView } from '../../shared/domain';
import { addDays, formatDay, formatMonth, monthOf } from '../../shared/dates';
import { SETTLE_DAYS, type BillingMonthStatus } from '../../shared/billing';
import { microsToDecimal } from '../../shared/money';
import { invoiceOwners, type GroupNoun } from '../lib/provider-words';
import { PROVIDERS, type ProviderInfo } from '../../shared/providers';
import { call } from '../lib/bridge';
import { ExternalLink } from '../lib/ui/links';
import { exactTitle, money, preciseMoney } from '../lib/format';
import { changeText } from '../dashboard/Breakdowns';
import { StatusBadge } from './StatusBadge';
import { useBillingStatuses } from './useBillingStatuses';

// The reconciliation (with its forms and their zod schemas) loads when a month is opened.
const MonthReconciliation = lazy(() => import('./MonthReconciliation'));

interface BillingHistoryProps {
  monthly: DashboardView['monthly'];
  monthBreakdown: DashboardView['monthBreakdown'];
  today: string;
  currency: string;
  isDemo: boolean;
  /** The first UTC day with any cost: months before it have no data; a month it starts inside is partial. */
  dataSince?: string | null;
  groupNoun?: GroupNoun;
  accountId: string;
  /** Whose billing pages to link (the providers of the accounts shown). */
  providers?: Pick<ProviderInfo, 'name' | 'links'>[];
  /**
   * Each account shown, with its own first day of data. Combined ("All accounts"), a month before one
   * account's first data says so for that account rather than counting it as $0.00.
   */
  accountsSince?: { name: string; dataSince: string | null }[];
}

interface MonthCoverage {
  /** No account shown has data for this month. */
  noData: boolean;
  /** Accounts with no data yet in this month (only named when others have some). */
  missing: string[];
  /** The month is not fully covered by every account that has data in the month after it. */
  partialFor: (next: string) => boolean;
}

/**
 * Which accounts' history covers a month. An account covers a month fully from the month after its first
 * day of data (or from that month, when its data starts on the 1st); partly in the month it starts; not before.
 * @internal
 */
export function monthCoverage(accounts: { name: string; dataSince: string | null }[], month: string): MonthCoverage {
  const starts = (a: { dataSince: string | null }) => (a.dataSince === null ? null : monthOf(a.dataSince));
  const hasData = (a: { dataSince: string | null }, m: string) => starts(a) !== null && starts(a)! <= m;
  const fullyCovers = (a: { dataSince: string | null }, m: string) =>
    hasData(a, m) && (starts(a)! < m || a.dataSince === `${m}-01`);
  const withData = accounts.filter((a) => hasData(a, month));
  return {
    noData: withData.length === 0,
    missing: withData.length === 0 ? [] : accounts.filter((a) => !hasData(a, month)).map((a) => a.name),
    // A change from this month to `next` compares like with like only if every account with data in `next`
    // covered all of this month.
    partialFor: (next) => accounts.filter((a) => hasData(a, next)).some((a) => !fullyCovers(a, month)),
  };
}

export const BillingHistory = memo(function BillingHistory({
  monthly,
  monthBreakdown,
  today,
  currency,
  isDemo,
  accountId,
  dataSince,
  groupNoun,
  providers = [PROVIDERS.openai],
  accountsSince,
}: BillingHistoryProps) {
  const [open, setOpen] = useState<string | null>(null);
  const [exportState, setExportState] = useState<string | null>(null);
  const rows = monthly;
  // Whose history the rows cover: each account shown, or (older callers) one first day for all of them.
  const covered = accountsSince?.length ? accountsSince : dataSince !== undefined ? [{ name: '', dataSince }] : null;
  // Accounts with no data at all are named once, above the months, rather than on every row.
  const withoutData =
    covered && covered.length > 1 ? covered.filter((a) => a.dataSince === null).map((a) => a.name) : [];
  const statuses = useBillingStatuses(accountId, !isDemo);
  const statusOf = new Map(statuses.map((s) => [s.month, s]));
  const reconciles = statuses.length > 0;
  // The running month's whole days are compared with the same days of last month, never a partial today.
  const sameDaysLastMonth = monthBreakdown.projects.reduce((sum, p) => sum + p.previousMicros, 0);
  const wholeDaysThisMonth = monthBreakdown.projects.reduce((sum, p) => sum + (p.comparedMicros ?? p.micros), 0);
  const noWholeDay = monthBreakdown.comparedDays === 0;

  const exportCsv = async () => {
    setExportState('Exporting…');
    if (isDemo) {
      downloadCsv(demoCsv(monthly), 'spendwatch-demo-data.csv');
      return setExportState('Downloaded spendwatch-demo-data.csv — demo data, not your spend.');
    }
    try {
      const result = await call('exportCsv', { accountId });
      if (result.csv !== null) {
        // No native dialog here (browser harness): download the file.
        downloadCsv(result.csv, result.fileName);
        setExportState(`Downloaded ${result.fileName}`);
      } else {
        setExportState(result.savedTo ? `Saved to ${result.savedTo}` : null);
      }
    } catch (e) {
      setExportState(`Export failed: ${(e as Error).message}`);
    }
  };

  return (
    <section className="panel" aria-labelledby="history-title">
      <div className="panel-head">
        <h2 id="history-title">Billing history</h2>
        <span className="muted">
          calendar months in UTC, as on {invoiceOwners(providers)}
          {!isDemo && !reconciles ? ' — choose one account to reconcile invoices' : ''}
        </span>
        <div className="toolbar">
          <button type="button" onClick={exportCsv}>
            {isDemo ? 'Export demo CSV' : 'Export CSV'}
          </button>
          {providers.map((provider) => (
            <ExternalLink key={provider.name} href={provider.links.billing} className="button-link">
              Open {provider.name} billing
            </ExternalLink>
          ))}
        </div>
      </div>
      {withoutData.length > 0 && (
        <p className="muted" data-testid="history-no-data-accounts">
          No data yet for {withoutData.join(', ')}: {withoutData.length === 1 ? 'its' : 'their'} months are not in these
          totals.
        </p>
      )}
      {exportState && (
        <p role="status" className="muted">
          {exportState}
        </p>
      )}
      <NotFinalNote statuses={statuses} today={today} providerNames={providers.map((p) => p.name)} />
      <table className="history">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Total</th>
            <th scope="col">Change</th>
            {reconciles && <th scope="col">Invoice</th>}
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const previous = rows[i + 1];
            const expanded = open === row.month;
            const label = formatMonth(row.month);
            const running = i === 0 && row.month === today.slice(0, 7);
            const status = statusOf.get(row.month);
            // Before an account's first day with data it has nothing to show (per account, when several are
            // combined); a month that starts inside it is partial, so no change is computed against it.
            const coverage = covered ? monthCoverage(covered, row.month) : null;
            const noData = coverage?.noData ?? false;
            const previousPartial =
              covered !== null &&
              previous !== undefined &&
              monthCoverage(covered, previous.month).partialFor(row.month);
            return (
              <Fragment key={row.month}>
                <tr>
                  <th scope="row">
                    {label}
                    {running && <span className="muted"> (to date)</span>}
                  </th>
                  <td title={noData ? undefined : preciseMoney(row.totalMicros, currency)}>
                    {noData ? <span className="muted">No data</span> : money(row.totalMicros, currency)}
                    {coverage && coverage.missing.some((name) => !withoutData.includes(name)) && (
                      <span className="muted no-data-for">
                        {' '}
                        no data for {coverage.missing.filter((name) => !withoutData.includes(name)).join(', ')}
                      </span>
                    )}
                  </td>
                  <td
                    title={
                      running
                        ? noWholeDay
                          ? 'No whole day of this month yet (UTC): compared from tomorrow'
                          : 'Its whole UTC days against the same days of last month; today is left out until it is complete'
                        : undefined
                    }
                  >
                    {noData ? (
                      '—'
                    ) : running && noWholeDay ? (
                      '—'
                    ) : row.change !== undefined ? (
                      // Core compared like with like: the accounts whose history covers all of last month.
                      <ChangeCell change={row.change} running={running} total={row.totalMicros} />
                    ) : running ? (
                      previousPartial ? (
                        changeText(wholeDaysThisMonth, 0, false)
                      ) : (
                        `${changeText(wholeDaysThisMonth, sameDaysLastMonth)} vs same days`
                      )
                    ) : previous ? (
                      changeText(row.totalMicros, previous.totalMicros, !previousPartial)
                    ) : (
                      '—'
                    )}
                  </td>
                  {reconciles && (
                    <td>
                      {status && <StatusBadge status={status.status} differenceMicros={status.differenceMicros} />}
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={expanded}
                      aria-label={`${expanded ? 'Hide' : 'Show'} details for ${label}`}
                      onClick={() => setOpen(expanded ? null : row.month)}
                    >
                      {expanded ? 'Hide' : 'Details'}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="history-details">
                    <td colSpan={reconciles ? 5 : 4}>
                      <div className="two-columns">
                        <AmountList
                          title={`By ${groupNoun?.singular ?? 'project'}`}
                          items={row.byProject}
                          currency={currency}
                        />
                        <AmountList title="By line item" items={row.byLineItem} currency={currency} />
                      </div>
                      {reconciles && (
                        <Suspense fallback={<p className="muted">Loading the reconciliation…</p>}>
                          <MonthReconciliation accountId={accountId} month={row.month} today={today} />
                        </Suspense>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
});

/**
 * A month's change as core worked it out: "new" only when no account's history covers the month before; a
 * comparison that leaves out an account whose history starts later says so.
 */
function ChangeCell({
  change,
  running,
  total,
}: {
  change: Exclude<DashboardView['monthly'][number]['change'], undefined>;
  running: boolean;
  total: number;
}) {
  if (change === null) return <>{changeText(total, 0, false)}</>;
  const text = `${changeText(change.micros, change.previousMicros)}${running ? ' vs same days' : ''}`;
  if (change.without.length === 0) return <>{text}</>;
  const names = change.without.join(', ');
  return (
    <span title={`Compared without ${names}: ${change.without.length === 1 ? 'its' : 'their'} history starts later`}>
      {text} <span className="muted no-data-for">without {names}</span>
    </span>
  );
}

/**
 * Why a month says "Not final", in words: the running month is still running; a finished month waits for its
 * last days' costs to settle (providers revise a day's costs for up to SETTLE_DAYS days), which in the first
 * days of a month means last month too.
 */
function NotFinalNote({
  statuses,
  today,
  providerNames,
}: {
  statuses: BillingMonthStatus[];
  today: string;
  providerNames: string[];
}) {
  const notFinal = statuses.filter((s) => s.status === 'not-final');
  if (notFinal.length === 0) return null;
  const who = providerNames.length === 1 ? `${providerNames[0]} revises` : 'Providers revise';
  const sentences = notFinal.map((s) =>
    s.month === monthOf(today)
      ? `${formatMonth(s.month)} is still running.`
      : s.finalFrom > today
        ? `${formatMonth(s.month)} can still change until ${formatDay(addDays(s.finalFrom, -1))}.`
        : `${formatMonth(s.month)} has settled, but was last synced before then: sync to make it final.`,
  );
  return (
    <p className="muted" data-testid="history-not-final">
      <strong>Not final:</strong> {sentences.join(' ')} {who} a day’s costs for up to {SETTLE_DAYS} days, so a month’s
      figures are final once its last day is {SETTLE_DAYS} days old (UTC) and a sync has run since.
    </p>
  );
}

function AmountList({
  title,
  items,
  currency,
}: {
  title: string;
  items: { key: string; name: string; micros: number }[];
  currency: string;
}) {
  return (
    <div>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">No spend.</p>
      ) : (
        <ul className="amount-list">
          {items.map((i) => (
            <li key={i.key}>
              <span>{i.name}</span> <span title={exactTitle(i.micros, currency)}>{money(i.micros, currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function downloadCsv(csv: string, fileName: string): void {
  // No native dialog here (browser harness, demo): download the file.
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The demo's months as CSV, marked as demo in every row so it can never pass for real spend.
 * @internal
 */
export function demoCsv(monthly: DashboardView['monthly']): string {
  const lines = ['month,total_usd,source'];
  for (const row of monthly) lines.push(`${row.month},${microsToDecimal(row.totalMicros)},demo data`);
  return `${lines.join('\n')}\n`;
}
