/** A month's reconciliation status as a labelled badge (text, never colour alone). */
import { RECONCILIATION_STATUS_LABELS, type ReconciliationStatusName } from '../../shared/billing-labels';
import { exactTitle, money } from '../lib/format';

const CLASS: Record<ReconciliationStatusName, string> = {
  matched: 'badge-ok',
  discrepancy: 'badge-problem',
  'no-invoice': 'badge',
  'not-final': 'badge-warning',
};

export function StatusBadge({
  status,
  differenceMicros,
}: {
  status: ReconciliationStatusName;
  differenceMicros: number;
}) {
  const label = RECONCILIATION_STATUS_LABELS[status];
  const detail =
    status === 'discrepancy' ? ` ${differenceMicros > 0 ? '+' : '−'}${money(Math.abs(differenceMicros))}` : '';
  return (
    <span
      className={`badge ${CLASS[status]}`}
      title={status === 'discrepancy' ? exactTitle(differenceMicros) : undefined}
    >{`${label}${detail}`}</span>
  );
}
