/** OpenAI hard limits that are enforcing right now: while OpenAI blocks requests, the tray turns red and says which. */
import { centsToMicros, type AccountSpendControls } from '../../../shared/spend-controls';
import type { Micros } from '../../../shared/money';
import type { ResolvedAccount } from '../account-views';
import { currentLimit, scopeDisplayName } from '../alerts/rules/spend-limits';

export interface EnforcingLimit {
  accountId: string;
  /** "Acme" or "Web app (Acme)". */
  scopeName: string;
  limitMicros: Micros;
}

export function enforcingLimits(
  accounts: ResolvedAccount[],
  known: (accountId: string) => AccountSpendControls,
  now: Date,
): EnforcingLimit[] {
  return accounts.flatMap((r) => {
    if (r.isDemo) return [];
    return known(r.account.id).scopes.flatMap((scope) => {
      const limit = currentLimit(scope, now);
      if (!limit?.enforcing) return [];
      return [
        {
          accountId: r.account.id,
          scopeName: scopeDisplayName(scope, r.account.name, r.view.projectNames),
          limitMicros: centsToMicros(limit.cents),
        },
      ];
    });
  });
}
