/**
 * Alert rules about paying OpenAI: a card nearing or past its expiry, prepaid balance running low, and
 * prepaid credit about to expire. Each candidate fires once; for expiry only the most urgent threshold
 * crossed is raised, so a card added five days before it expires gets one alert, not four.
 */
import {
  BRAND_NAMES,
  daysUntilExpiry,
  expiryAlertThreshold,
  expiryLastDay,
  maskedCard,
} from '../../../../shared/cards';
import { formatDay, formatMonth, monthOf } from '../../../../shared/dates';
import { moneyText } from '../../../../shared/money-text';
import type { PaymentMethod } from '../../../../shared/payments';
import { spendOf } from '../../aggregate/aggregations';
import type { ResolvedAccount } from '../../account-views';
import { estimateBalance, daysToCreditExpiry } from '../../payments/balance';
import type { Settings } from '../../settings/settings';
import { alertKey, type AlertCandidate, type AlertRule } from '../rule-context';

const LOW_BALANCE_RUNWAY_DAYS = 7;
const CREDIT_EXPIRY_DAYS = [30, 7];

export function methodName(method: PaymentMethod): string {
  const base = method.card
    ? maskedCard(method.card.brand, method.card.last4)
    : method.type === 'paypal'
      ? `PayPal (${method.email})`
      : method.type;
  return method.label ? `${base} (“${method.label}”)` : base;
}

/** card-expiry: a saved card nearing or past its expiry (local days), the most urgent threshold crossed only. */
export const cardExpiry: AlertRule = (context) =>
  cardExpiryCandidates(
    context.settings,
    new Map(context.settings.accounts.map((a) => [a.id, a.name])),
    context.localToday,
  );

/** low-balance and credit-expiring: the recorded prepaid credit of each account, less the costs since. */
export const balanceAndCredits: AlertRule = (context) =>
  context.accounts.flatMap((a) => balanceAndCreditCandidates(context.settings, a, context.utcToday));

function cardExpiryCandidates(settings: Settings, names: Map<string, string>, localToday: string): AlertCandidate[] {
  const thresholds = settings.payments.expiryAlertDays;
  return settings.payments.methods.flatMap((method) => {
    const card = method.card;
    if (!card) return [];
    const days = daysUntilExpiry(card.expMonth, card.expYear, localToday);
    const lastDay = expiryLastDay(card.expMonth, card.expYear);
    const period = lastDay.slice(0, 7);
    const name = methodName(method);
    const accountId = method.accountIds[0] ?? '';
    const accountName = names.get(accountId) ?? 'Payment methods';
    const expiredNow = days < 0;
    const threshold = expiryAlertThreshold(card.expMonth, card.expYear, localToday, thresholds);
    if (threshold === null) return [];
    const when = formatMonth(period);
    return [
      {
        key: alertKey('card-expiry', method.id, 'method', threshold, period),
        kind: 'card-expiry' as const,
        scope: `method:${method.id}`,
        threshold,
        period,
        day: lastDay,
        severity: expiredNow || days <= 7 ? ('critical' as const) : ('warning' as const),
        title: expiredNow
          ? `${BRAND_NAMES[card.brand]} •••• ${card.last4} has expired`
          : `${BRAND_NAMES[card.brand]} •••• ${card.last4} expires in ${days} day${days === 1 ? '' : 's'}`,
        message: expiredNow
          ? `${name} expired at the end of ${when}. Add the new card on OpenAI's billing page now: when a charge fails, API requests can stop with insufficient_quota.`
          : `${name} expires at the end of ${when} (in ${days} day${days === 1 ? '' : 's'}). Update your payment method on OpenAI before it lapses.`,
        estimate: false,
        budgetMicros: null,
        accountId,
        accountName,
      },
    ];
  });
}

function balanceAndCreditCandidates(settings: Settings, resolved: ResolvedAccount, today: string): AlertCandidate[] {
  const credits = settings.credits[resolved.account.id];
  if (!credits || resolved.isDemo) return [];
  const out: AlertCandidate[] = [];
  const name = resolved.account.name;
  const base = { accountId: resolved.account.id, accountName: name, estimate: true, budgetMicros: null, day: null };
  const estimate = estimateBalance(credits, spendOf([resolved.view]), today);
  if (
    estimate &&
    (estimate.estimateMicros <= 0 || (estimate.runwayDays !== null && estimate.runwayDays <= LOW_BALANCE_RUNWAY_DAYS))
  ) {
    const exhausted = estimate.estimateMicros <= 0;
    const threshold = exhausted ? 0 : LOW_BALANCE_RUNWAY_DAYS;
    out.push({
      ...base,
      key: alertKey('low-balance', resolved.account.id, 'account', threshold, estimate.asOf),
      kind: 'low-balance',
      scope: 'account',
      threshold,
      period: monthOf(today),
      severity: exhausted ? 'critical' : 'warning',
      title: exhausted ? `${name}: prepaid balance probably used up` : `${name}: prepaid balance running low`,
      message: exhausted
        ? `By Spendwatch's estimate ${name}'s prepaid balance is ${moneyText(estimate.estimateMicros)} (the ${moneyText(estimate.recordedMicros)} recorded on ${formatDay(estimate.asOf)}, less costs since). Buy credit or check auto-recharge on OpenAI's billing page.`
        : `By Spendwatch's estimate ${name} has about ${moneyText(estimate.estimateMicros)} of prepaid credit left: ${estimate.runwayDays} day${estimate.runwayDays === 1 ? '' : 's'} at the current pace (until about ${formatDay(estimate.runsOutOn!)}).`,
    });
  }
  for (const entry of credits.entries) {
    const days = daysToCreditExpiry(entry.expiresOn, today);
    if (days < 0) continue;
    const threshold = [...CREDIT_EXPIRY_DAYS].sort((a, b) => a - b).find((t) => days <= t);
    if (threshold === undefined) continue;
    out.push({
      ...base,
      estimate: false,
      key: alertKey('credit-expiring', resolved.account.id, `credit:${entry.id}`, threshold, entry.expiresOn),
      kind: 'credit-expiring',
      scope: `credit:${entry.id}`,
      threshold,
      period: monthOf(today),
      day: entry.expiresOn,
      severity: days <= 7 ? 'critical' : 'warning',
      title: `${name}: prepaid credit expires in ${days} day${days === 1 ? '' : 's'}`,
      message: `The ${moneyText(entry.amountMicros)} of ${entry.kind === 'grant' ? 'granted' : 'prepaid'} credit from ${formatDay(entry.date)} expires on ${formatDay(entry.expiresOn)}; whatever is unused then is lost.`,
    });
  }
  return out;
}
