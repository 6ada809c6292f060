/**
 * The figures `spendwatch serve` exposes to Prometheus, as plain facts: taken from the same status document as
 * `status --json` (so the two always agree), plus OpenAI's hard limits and each account's sync failure count.
 * Amounts stay exact decimal strings here; only the metrics layer turns them into floats.
 */
import { microsToDecimal, sumMicros, toMicros } from '../../../shared/money';
import { centsToDecimal, type AccountSpendControls } from '../../../shared/spend-controls';
import { own } from '../../../shared/records';
import { currentLimit } from '../alerts/spend-limit-rules';
import type { StatusDocument } from './status-report';

/** Projects per account exposed by name: a label per project is a time series each, so the rest are one. */
export const TOP_PROJECTS = 50;
export const OTHER_PROJECTS = '(other)';

export interface MetricsAccount {
  name: string;
  provider: string;
  monthToDate: string;
  today: string;
  forecast: string | null;
  budget: string | null;
  projects: { name: string; amount: string }[];
  limits: { scope: string; amount: string; enforcing: boolean }[];
  lastSyncSuccessAt: string | null;
  failuresTotal: number;
}

export function teamMetrics(
  status: StatusDocument,
  facts: { controls: AccountSpendControls | null; failuresTotal: number; projectNames: Record<string, string> }[],
  now: Date,
): MetricsAccount[] {
  return status.accounts.map((a, i) => {
    const { controls, failuresTotal, projectNames } = facts[i];
    const ranked = [...a.byProject].sort((x, y) => toMicros(y.amount) - toMicros(x.amount));
    const top = ranked.slice(0, TOP_PROJECTS);
    const rest = ranked.slice(TOP_PROJECTS);
    const projects = uniqueNames(top.map((p) => ({ name: p.name, id: p.id, amount: p.amount })));
    if (rest.length) projects.push({ name: OTHER_PROJECTS, amount: microsToDecimal(sumMicros(rest.map((p) => toMicros(p.amount)))) });
    const limits = (controls?.scopes ?? []).flatMap((scope) => {
      const limit = currentLimit(scope, now);
      if (!limit) return [];
      const id = scope.scope === 'account' ? null : scope.scope.slice('project:'.length);
      const label = id === null ? 'account' : `project:${scope.name ?? own(projectNames, id) ?? id}`;
      return [{ scope: label, amount: centsToDecimal(limit.cents), enforcing: limit.enforcing }];
    });
    return {
      name: a.name,
      provider: a.provider,
      monthToDate: a.monthToDate.amount,
      today: a.today.amount,
      forecast: a.forecast?.amount ?? null,
      budget: a.budget?.monthly.amount ?? null,
      projects,
      limits,
      lastSyncSuccessAt: a.lastSyncedAt,
      failuresTotal,
    };
  });
}

/** Two projects of one name would be one series (the second overwriting the first): the id tells them apart. */
function uniqueNames(projects: { name: string; id: string; amount: string }[]): { name: string; amount: string }[] {
  const counts = new Map<string, number>();
  for (const p of projects) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return projects.map((p) => ({ name: (counts.get(p.name) ?? 0) > 1 || p.name === OTHER_PROJECTS ? `${p.name} (${p.id})` : p.name, amount: p.amount }));
}
