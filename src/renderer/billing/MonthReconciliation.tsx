/**
 * A month's reconciliation in Billing history: the invoice against the exact costs (by day, project and line
 * item), the difference and what explains it, "Record invoice", the support case log and "Export report".
 * Loaded on demand: it carries the zod schemas the forms validate with.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Reconciliation } from '../../shared/billing';
import { RECONCILIATION_STATUS_LABELS } from '../../shared/billing-labels';
import { formatMonth } from '../../shared/dates';
import { call } from '../lib/bridge';
import { exactTitle, money } from '../lib/format';
import { reconciliationQuery } from '../lib/queries';
import { InvoiceForm } from './InvoiceForm';
import { StatusBadge } from './StatusBadge';
import { SupportCaseLog } from './SupportCaseLog';

/**
 * The one sentence that matters, said first: how much nothing explains (tax and credits are already in
 * "Expected", so they come after), or that nothing is unexplained. The figures are the table's.
 */
function headline(r: Reconciliation): string {
  const gap = money(Math.abs(r.differenceMicros));
  switch (r.status) {
    case 'matched':
      return 'Nothing unexplained: the invoice total equals the expected total (costs + tax − credits) within a cent.';
    case 'discrepancy':
      return r.explanations.some((e) => e.kind === 'unexplained')
        ? `${gap} unexplained: the invoice total is ${gap} ${r.differenceMicros > 0 ? 'more' : 'less'} than expected. Contact the provider's support with the report.`
        : `Nothing unexplained: the invoice total differs from the expected total by ${gap}, and the reasons below account for it.`;
    case 'no-invoice':
      return 'No invoice recorded: record it to compare it with the costs.';
    case 'not-final':
      return r.invoice
        ? 'Not final yet: costs can still change, so the difference is not settled.'
        : 'Not final yet: costs can still change; record the invoice once it arrives.';
  }
}

export default function MonthReconciliation({
  accountId,
  month,
  today,
}: {
  accountId: string;
  month: string;
  today: string;
}) {
  const query = useQuery(reconciliationQuery(accountId, month));
  const detail = query.data ?? null;
  const [removeError, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [exportState, setExportState] = useState<string | null>(null);
  const load = () => {
    setError(null);
    void query.refetch();
  };
  const error = removeError ?? query.error?.message ?? null;

  if (error)
    return (
      <p role="alert" className="field-error">
        Could not reconcile {month}: {error}
      </p>
    );
  if (!detail) return <p className="muted">Reconciling…</p>;
  const r = detail.reconciliation;
  const inv = r.invoice;
  const label = formatMonth(month);

  const exportReport = async () => {
    setExportState('Exporting…');
    try {
      const result = await call('exportReport', { accountId, month });
      if (result.markdown !== null) {
        // No native dialog here (browser harness): download the file.
        const url = URL.createObjectURL(new Blob([result.markdown], { type: 'text/markdown' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = result.fileName;
        link.click();
        URL.revokeObjectURL(url);
        setExportState(`Downloaded ${result.fileName}`);
      } else setExportState(result.savedTo ? `Saved to ${result.savedTo}` : null);
    } catch (e) {
      setExportState(`Export failed: ${(e as Error).message}`);
    }
  };

  const removeInvoice = async () => {
    try {
      await call('removeInvoice', { accountId, month });
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="reconciliation" aria-label={`Reconciliation of ${label}`}>
      <div className="panel-head">
        <h3>
          Invoice vs costs, {label} <StatusBadge status={r.status} differenceMicros={r.differenceMicros} />
        </h3>
        <span className="muted">
          period {r.period.from} to {r.period.to} (UTC); costs final from {r.finalFrom}
        </span>
        <div className="toolbar">
          <button type="button" onClick={() => setEditing(true)} aria-expanded={editing}>
            {inv ? 'Edit invoice' : 'Record invoice'}
          </button>
          {inv && (
            <button type="button" onClick={removeInvoice}>
              Remove invoice
            </button>
          )}
          <button type="button" onClick={exportReport}>
            Export report
          </button>
        </div>
      </div>
      {exportState && (
        <p role="status" className="muted">
          {exportState}
        </p>
      )}
      {editing && (
        <InvoiceForm
          accountId={accountId}
          month={month}
          invoice={inv}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            load();
          }}
        />
      )}
      <p className="reconciliation-headline" data-testid="reconciliation-headline">
        {headline(r)}
      </p>
      <div className="two-columns">
        <div>
          <h4>{RECONCILIATION_STATUS_LABELS[r.status]}: why</h4>
          {r.explanations.length === 0 ? (
            <p className="muted">The invoice equals the costs: nothing to explain.</p>
          ) : (
            <ul className="explanations">
              {r.explanations.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
        <table className="compact-table figures">
          <caption className="visually-hidden">Invoice against costs for {label}</caption>
          <tbody>
            <tr>
              <th scope="row">Costs (Costs API)</th>
              <td title={exactTitle(r.costsMicros)}>{money(r.costsMicros)}</td>
            </tr>
            {inv && (
              <>
                <tr>
                  <th scope="row">+ Tax</th>
                  <td title={exactTitle(inv.taxMicros)}>{money(inv.taxMicros)}</td>
                </tr>
                <tr>
                  <th scope="row">− Credits applied</th>
                  <td title={exactTitle(inv.creditsMicros)}>{money(inv.creditsMicros)}</td>
                </tr>
              </>
            )}
            <tr>
              <th scope="row">Expected</th>
              <td title={exactTitle(r.expectedMicros)}>{money(r.expectedMicros)}</td>
            </tr>
            <tr>
              <th scope="row">Invoice total{inv?.number ? ` (${inv.number})` : ''}</th>
              <td title={inv ? exactTitle(inv.totalMicros) : undefined}>
                {inv ? money(inv.totalMicros) : 'not recorded'}
              </td>
            </tr>
            <tr className="difference-row">
              <th scope="row">Difference</th>
              <td title={exactTitle(r.differenceMicros)}>{money(r.differenceMicros)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <details>
        <summary>Costs by day</summary>
        <div className="table-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Costs</th>
              </tr>
            </thead>
            <tbody>
              {detail.byDay.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td title={d.micros === null ? undefined : exactTitle(d.micros)}>
                    {d.micros === null ? 'not in local history' : money(d.micros)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {inv && inv.periodStartDay !== 1 && (
        <details>
          <summary>Costs by project and line item over the invoice's period</summary>
          <ul className="amount-list">
            {[...detail.byProject, ...detail.byLineItem].map((item) => (
              <li key={`${item.key}`}>
                <span>{item.name}</span> <span title={exactTitle(item.micros)}>{money(item.micros)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {(r.status === 'discrepancy' || detail.supportCase) && (
        <SupportCaseLog
          accountId={accountId}
          month={month}
          supportCase={detail.supportCase}
          today={today}
          onChanged={load}
        />
      )}
    </section>
  );
}
