/**
 * Payment troubleshooting: a checklist computed from what Spendwatch knows (recorded payment methods,
 * estimated balance, sync errors, recorded payment events), and the usual causes of a failed payment.
 */
import { daysUntilExpiry, expiresSoon, expiryWindowDays } from '../../../shared/cards';
import { addDays } from '../../../shared/dates';
import { moneyText } from '../../../shared/money-text';
import { spendOf } from '../aggregate/aggregations';
import type { ResolvedAccount } from '../account-views';
import { methodName } from '../alerts/rules/payments';
import type { Settings } from '../settings/settings';
import { estimateBalance } from './balance';

export interface ChecklistItem {
  id: string;
  status: 'ok' | 'warning' | 'problem';
  title: string;
  detail: string;
}

export const FAILED_PAYMENT_CAUSES = [
  {
    cause: 'Insufficient funds or credit limit reached',
    fix: 'Check the balance or limit with your bank, or use another card; then retry the payment on OpenAI’s billing page.',
  },
  {
    cause: 'Wrong card details or billing address',
    fix: 'Compare the number, expiry date and billing postal code with your card; edit the payment method on OpenAI and save it again.',
  },
  {
    cause: 'Expired card',
    fix: 'Add the replacement card on OpenAI (Settings → Billing → Payment methods) and make it the default.',
  },
  {
    cause: 'The bank blocked the charge',
    fix: 'International or online charges are often blocked by default: approve the charge in your banking app or call your bank, then retry.',
  },
  {
    cause: 'Verification (3-D Secure) not completed',
    fix: 'Retry the payment and complete the code your bank sends; do not close the window until it confirms.',
  },
  {
    cause: 'A payment gateway outage',
    fix: 'Check OpenAI’s status page; wait and retry later. Nothing is wrong with your card.',
  },
];

export function paymentChecklist(
  settings: Settings,
  accounts: ResolvedAccount[],
  utcToday: string,
  localToday: string,
): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const methods = settings.payments.methods;
  if (methods.length === 0) {
    items.push({
      id: 'no-methods',
      status: 'warning',
      title: 'No payment method recorded',
      detail: 'Record the card or account you pay OpenAI with, so Spendwatch can warn you before it expires.',
    });
  } else if (!methods.some((m) => m.role === 'primary')) {
    items.push({
      id: 'no-primary',
      status: 'warning',
      title: 'No primary payment method',
      detail: 'Mark the method OpenAI charges first as primary, and keep a backup on file at OpenAI.',
    });
  }
  for (const m of methods) {
    if (!m.card) continue;
    const days = daysUntilExpiry(m.card.expMonth, m.card.expYear, localToday);
    if (days < 0)
      items.push({
        id: `expired-${m.id}`,
        status: 'problem',
        title: `${methodName(m)} has expired`,
        detail: 'Replace it on OpenAI’s billing page; charges to it will fail.',
      });
    else if (
      expiresSoon(m.card.expMonth, m.card.expYear, localToday, expiryWindowDays(settings.payments.expiryAlertDays))
    )
      items.push({
        id: `expiring-${m.id}`,
        status: 'warning',
        title: `${methodName(m)} expires in ${days} day${days === 1 ? '' : 's'}`,
        detail: 'Add the new card on OpenAI before then.',
      });
  }
  for (const a of accounts) {
    if (a.isDemo) continue;
    const estimate = estimateBalance(settings.credits[a.account.id], spendOf([a.view]), utcToday);
    if (estimate && estimate.estimateMicros <= 0) {
      items.push({
        id: `balance-${a.account.id}`,
        status: 'problem',
        title: `${a.account.name}: estimated balance ${moneyText(estimate.estimateMicros)}`,
        detail: 'Prepaid credit is probably used up: buy credit or turn on auto-recharge on OpenAI’s billing page.',
      });
    }
    if (a.lastError?.code === 'insufficient_quota') {
      items.push({
        id: `quota-${a.account.id}`,
        status: 'problem',
        title: `${a.account.name}: OpenAI reports a billing block`,
        detail: `${a.lastError.message} Codes such as credit_balance_exhausted mean the balance is used up; organization_spend_limit_exceeded or project_spend_limit_exceeded mean a spend limit was reached.`,
      });
    } else if (a.lastError) {
      items.push({
        id: `sync-${a.account.id}`,
        status: 'warning',
        title: `${a.account.name}: sync failing (${a.lastError.code})`,
        detail: a.lastError.message,
      });
    }
  }
  const recentFailures = settings.payments.events.filter(
    (e) => e.result === 'failed' && e.date >= addDays(utcToday, -30),
  );
  if (recentFailures.length) {
    items.push({
      id: 'failed-payments',
      status: 'problem',
      title: `${recentFailures.length} failed payment${recentFailures.length === 1 ? '' : 's'} in the last 30 days`,
      detail:
        'See the usual causes below; repeated failures on the same card usually mean a bank block or wrong details.',
    });
  }
  if (items.length === 0)
    items.push({
      id: 'all-clear',
      status: 'ok',
      title: 'Nothing wrong that Spendwatch can see',
      detail: 'Payment methods are current and no billing errors were reported.',
    });
  return items;
}
