/**
 * billing-discrepancy: a recorded invoice that does not reconcile with the settled costs. Fires once per
 * account and invoice month (the key carries the invoice's month), with the figures in the message.
 */
import type { Reconciliation } from '../../../shared/billing';
import { formatMonth } from '../../../shared/dates';
import { usd } from '../../../shared/money';
import type { AccountCandidate } from './payment-rules';
import { alertKey } from './rules';

export function billingDiscrepancyCandidates(reconciliations: Reconciliation[]): AccountCandidate[] {
  return reconciliations
    .filter((r) => r.status === 'discrepancy' && r.invoice)
    .map((r) => {
      const month = formatMonth(r.month, 'en-US');
      const more = r.differenceMicros > 0 ? 'more' : 'less';
      // Costs missing from local history change the verdict's meaning: say so in the alert itself.
      const missing = r.explanations.find((e) => e.kind === 'missing-days');
      return {
        key: alertKey('billing-discrepancy', r.accountId, 'account', null, r.month),
        kind: 'billing-discrepancy' as const,
        accountId: r.accountId,
        accountName: r.accountName,
        scope: 'account',
        threshold: null,
        period: r.month,
        day: null,
        severity: 'warning' as const,
        title: `${r.accountName}: ${month} invoice does not match the costs`,
        message: `${r.accountName}'s ${month} invoice (${usd(r.invoice!.totalMicros)}) is ${usd(Math.abs(r.differenceMicros))} ${more} than the costs plus tax minus credits (${usd(r.expectedMicros)}). ${missing ? ` ${missing.message}` : ''} Open Billing history to see why and prepare a support case.`,
        estimate: false,
        budgetMicros: null,
      };
    });
}
