/**
 * [Electron main] The tray's wording and colour, from the core's tray facts: month to date (and budget share)
 * per account, OpenAI limits that are blocking requests, and cards about to expire.
 */
import type { TrayState } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { moneyText } from '../../shared/money-text';
import { overrunOf, overrunSentence } from '../../shared/overrun';
import type { TrayFacts } from '../core/use-cases/queries';
import type { TrayView } from './tray';

/** "as of" in the user's locale and zone: the last time the figures were right. */
const asOf = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function syncFailedLine(s: TrayFacts['accounts'][number]): string {
  const since = s.lastSyncedAt ? `figures as of ${asOf(s.lastSyncedAt)}` : 'no figures yet';
  return `${s.name}: the last sync failed, ${since}. ${s.lastError?.message ?? ''}`.trim();
}

export function trayText(facts: TrayFacts): TrayView {
  let state: TrayState = 'ok';
  const lines = facts.accounts.flatMap((s) => {
    // The core's budget state (shared/budget-state.ts): over at 100%, near at 80% or with a forecast past it.
    const used = s.budgetUsedPercent;
    if (s.budgetState === 'over') state = 'over';
    else if (state === 'ok' && s.lastError) state = 'warning';
    else if (state === 'ok' && s.budgetState === 'near') state = 'warning';
    const budgetText = used !== null ? ` (${used}% of budget)` : '';
    // A forecast close to or past the budget is said in words on a line of its own (shared/overrun.ts).
    const overrun = overrunOf({
      spentMicros: s.monthToDateMicros,
      forecastMicros: s.forecastMicros,
      budgetMicros: s.budget?.monthlyMicros ?? null,
      today: facts.today,
    });
    if (overrun && overrun.level !== 'under' && state === 'ok') state = 'warning';
    const sentence = overrunSentence(
      overrun,
      (m) => moneyText(m),
      (d) => formatDay(d),
    );
    const line = `${s.name}: ${moneyText(s.monthToDateMicros)} this month${budgetText}${s.isDemo ? ' — demo data' : ''}`;
    return sentence ? [line, `${s.name}: ${sentence}`] : [line];
  });
  // A failed sync is said in the tray, not only on the dashboard's card: the figures above are older than they look.
  for (const s of facts.accounts) if (s.lastError) lines.push(syncFailedLine(s));
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
