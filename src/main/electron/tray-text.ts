/**
 * [Electron main] The tray's wording and colour, from the core's tray facts: month to date (and budget share)
 * per account, OpenAI limits that are blocking requests, and cards about to expire.
 */
import type { TrayState } from '../../shared/domain';
import { moneyText } from '../../shared/money-text';
import type { TrayFacts } from '../core/use-cases/queries';
import type { TrayView } from './tray';

export function trayText(facts: TrayFacts): TrayView {
  let state: TrayState = 'ok';
  const lines = facts.accounts.map((s) => {
    // The core's budget state (shared/budget-state.ts): over at 100%, near at 80% or with a forecast past it.
    const used = s.budgetUsedPercent;
    if (s.budgetState === 'over') state = 'over';
    else if (state === 'ok' && s.lastError) state = 'warning';
    else if (state === 'ok' && s.budgetState === 'near') state = 'warning';
    const budgetText = used !== null ? ` (${used}% of budget)` : '';
    return `${s.name}: ${moneyText(s.monthToDateMicros)} this month${budgetText}${s.isDemo ? ' — demo data' : ''}`;
  });
  // OpenAI itself is rejecting requests: red, whatever the budget says.
  for (const limit of facts.enforcingLimits) {
    state = 'over';
    lines.push(
      `OpenAI is blocking API requests for ${limit.scopeName} (hard limit ${moneyText(limit.limitMicros)} reached)`,
    );
  }
  for (const notice of facts.paymentNotices) {
    if (notice.severity === 'critical') state = 'over';
    else if (state === 'ok') state = 'warning';
    lines.push(notice.message);
  }
  return { state, tooltip: ['Spendwatch', ...lines].join('\n'), lines };
}
