/** Tray lines for OpenAI hard limits that are enforcing: the tray turns red while OpenAI blocks requests. */
import { formatMoney } from '../../../shared/money';
import { centsToMicros, type AccountSpendControls } from '../../../shared/spend-controls';
import type { ResolvedAccount } from '../account-views';
import { currentLimit, scopeDisplayName } from '../alerts/spend-limit-rules';

export function enforcingLines(accounts: ResolvedAccount[], known: (accountId: string) => AccountSpendControls, now: Date): string[] {
  return accounts.flatMap((r) => {
    if (r.isDemo) return [];
    return known(r.account.id).scopes.flatMap((scope) => {
      const limit = currentLimit(scope, now);
      if (!limit?.enforcing) return [];
      return [`OpenAI is blocking API requests for ${scopeDisplayName(scope, r.account.name, r.view.projectNames)} (hard limit ${formatMoney(centsToMicros(limit.cents))} reached)`];
    });
  });
}
