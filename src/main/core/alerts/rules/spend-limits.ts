/**
 * Alert rules about OpenAI's own hard spend limit: `openai-limit-enforcing` (OpenAI reports the limit
 * as enforcing — it rejects API requests) and `openai-limit-near` (month to date ≥ 90% of the limit).
 * Each fires once per UTC month and scope, through the same once-only engine as the budget alerts.
 */
import { dayFromMs, formatMonthName, monthOf, type UtcDay } from '../../../../shared/dates';
import { moneyText } from '../../../../shared/money-text';
import { centsToMicros, type AccountSpendControls, type ScopeControls } from '../../../../shared/spend-controls';
import { monthSpent } from '../../spend-controls/month-spent';
import { alertKey, eachAccount, type AlertCandidate, type AlertRule, type RuleAccount } from '../rule-context';
import { own } from '../../../../shared/records';

const LIMIT_NEAR_PERCENT = 90;

/** A limit learned in an earlier month says nothing about this month's enforcement. */
export function currentLimit(scope: ScopeControls, now: Date): ScopeControls['limit'] {
  if (!scope.limit || !scope.limitCheckedAt) return null;
  const month = monthOf(dayFromMs(now.getTime()));
  return monthOf(dayFromMs(Date.parse(scope.limitCheckedAt))) === month
    ? scope.limit
    : { ...scope.limit, enforcing: false };
}

export function scopeDisplayName(
  scope: ScopeControls,
  accountName: string,
  projectNames: Record<string, string>,
): string {
  if (scope.scope === 'account') return accountName;
  const id = scope.scope.slice('project:'.length);
  return `${scope.name ?? own(projectNames, id) ?? id} (${accountName})`;
}

/** openai-limit-enforcing and openai-limit-near, per scope with a limit learned this month. */
export const openAiLimits: AlertRule = (context) =>
  eachAccount(context, (account) => {
    const controls = context.spendControls(account.accountId);
    return controls ? limitCandidates(account, controls, context.now, context.utcToday) : [];
  });

function limitCandidates(
  { accountId, accountName, view }: RuleAccount,
  controls: AccountSpendControls,
  now: Date,
  today: UtcDay,
): AlertCandidate[] {
  const period = monthOf(today);
  return controls.scopes.flatMap((scope): AlertCandidate[] => {
    const limit = currentLimit(scope, now);
    if (!limit) return [];
    const name = scopeDisplayName(scope, accountName, view.projectNames);
    const limitMicros = centsToMicros(limit.cents);
    const spent = monthSpent(view, scope.scope, today);
    const limitText = moneyText(limitMicros);
    const base = {
      accountId,
      accountName,
      scope: scope.scope,
      period,
      day: null,
      estimate: false,
      budgetMicros: limitMicros,
    };
    if (limit.enforcing) {
      return [
        {
          ...base,
          key: alertKey('openai-limit-enforcing', accountId, scope.scope, null, period),
          kind: 'openai-limit-enforcing',
          threshold: null,
          severity: 'critical',
          title: `OpenAI is blocking API requests for ${name}`,
          message: `OpenAI's hard spend limit of ${limitText} a month for ${name} is enforcing: OpenAI rejects its API requests until the limit is raised or removed, or ${formatMonthName(period)} ends (UTC). Spent this month: ${moneyText(spent)}.`,
        },
      ];
    }
    if (spent * 100 < LIMIT_NEAR_PERCENT * limitMicros) return [];
    const used = Math.round((spent * 1000) / limitMicros) / 10;
    return [
      {
        ...base,
        key: alertKey('openai-limit-near', accountId, scope.scope, LIMIT_NEAR_PERCENT, period),
        kind: 'openai-limit-near',
        threshold: LIMIT_NEAR_PERCENT,
        severity: 'warning',
        title: `${name} is near OpenAI's hard spend limit`,
        message: `${name} has spent ${moneyText(spent)} this month, ${used}% of OpenAI's ${limitText} hard limit. Once it is reached, OpenAI rejects API requests until ${formatMonthName(period)} ends (UTC) or the limit is raised.`,
      },
    ];
  });
}
