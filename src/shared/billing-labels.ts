/**
 * Display labels for reconciliation statuses and support case states, without zod, so the dashboard's first
 * chunk can show them; billing.ts (with the schemas) re-exports them.
 */
export type ReconciliationStatusName = 'matched' | 'discrepancy' | 'no-invoice' | 'not-final';
export type CaseStateName = 'open' | 'resolved-refund' | 'resolved-no-change';

export const RECONCILIATION_STATUS_LABELS: Record<ReconciliationStatusName, string> = {
  matched: 'Matched',
  discrepancy: 'Discrepancy',
  'no-invoice': 'No invoice',
  'not-final': 'Not final',
};
export const CASE_STATE_LABELS: Record<CaseStateName, string> = {
  open: 'Open',
  'resolved-refund': 'Resolved with refund',
  'resolved-no-change': 'Resolved without change',
};
