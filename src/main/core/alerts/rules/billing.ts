/**
 * billing-discrepancy: a recorded invoice that does not reconcile with the settled costs. Fires once per
 * account and invoice month (the key carries the invoice's month), with the figures in the message.
 */
import type { Reconciliation } from '../../../../shared/billing';
import { addMonths, formatMonth, monthOf } from '../../../../shared/dates';
import { joinSentences } from '../../../../shared/sentences';
import { moneyText } from '../../../../shared/money-text';
import { toErrorInfo } from '../../errors';
import { alertKey, type AlertCandidate, type AlertRule } from '../rule-context';

/**
 * Fired keys are kept for 3 months, so only invoices of those months are checked (else they could fire again).
 * The invoice check must never stop the other alerts: a damaged billing.json is reported, and skipped.
 */
export const billingDiscrepancy: AlertRule = (context) => {
  if (!context.invoices) return [];
  try {
    return discrepancyCandidates(
      context.invoices.reconcileRecorded(context.accounts, addMonths(monthOf(context.utcToday), -3)),
    );
  } catch (error) {
    context.warn(`Invoices were not checked against costs: ${toErrorInfo(error).message}`);
    return [];
  }
};

function discrepancyCandidates(reconciliations: Reconciliation[]): AlertCandidate[] {
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
        message: joinSentences(
          `${r.accountName}'s ${month} invoice (${moneyText(r.invoice!.totalMicros)}) is ${moneyText(Math.abs(r.differenceMicros))} ${more} than the costs plus tax minus credits (${moneyText(r.expectedMicros)}).`,
          missing?.message,
          'Open Billing history to see why and prepare a support case.',
        ),
        estimate: false,
        budgetMicros: null,
      };
    });
}
