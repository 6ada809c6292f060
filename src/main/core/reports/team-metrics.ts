/**
 * The figures `spendwatch serve` exposes to Prometheus, as plain facts: taken from the same status document as
 * `status --json` (so the two always agree), plus OpenAI's hard limits and each account's sync failure count.
 * Amounts stay exact decimal strings here; only the metrics layer turns them into floats.
 */
import { microsToDecimal, sumMicros, toMicros } from '../../../shared/money';
import { centsToDecimal, type AccountSpendControls } from '../../../shared/spend-controls';
import { own } from '../../../shared/records';
import { currentLimit } from '../alerts/rules/spend-limits';
import type { StatusDocument } from './status-report';

/**
 * Projects per account exposed by name: a label per project is a time series each, so the rest are one.
 * @internal
 */
export const TOP_PROJECTS = 50;
const OTHER_PROJECTS = '(other)';

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
    const scopeNames = (controls?.scopes ?? []).flatMap((scope) => {
      if (scope.scope === 'account') return [];
      const id = scope.scope.slice('project:'.length);
      return [{ id, name: scope.name ?? own(projectNames, id) ?? id }];
    });
    const label = projectLabels([
      ...a.byProject,
      ...Object.entries(projectNames).map(([id, name]) => ({ id, name })),
      ...scopeNames,
    ]);
    const ranked = [...a.byProject].sort((x, y) => toMicros(y.amount) - toMicros(x.amount));
    const projects = ranked.slice(0, TOP_PROJECTS).map((p) => ({ name: label(p.id, p.name), amount: p.amount }));
    const rest = ranked.slice(TOP_PROJECTS);
    if (rest.length)
      projects.push({ name: OTHER_PROJECTS, amount: microsToDecimal(sumMicros(rest.map((p) => toMicros(p.amount)))) });
    const limits = (controls?.scopes ?? []).flatMap((scope) => {
      const limit = currentLimit(scope, now);
      if (!limit) return [];
      const project = scopeNames.find((p) => `project:${p.id}` === scope.scope);
      return [
        {
          scope: project ? `project:${label(project.id, project.name)}` : 'account',
          amount: centsToDecimal(limit.cents),
          enforcing: limit.enforcing,
        },
      ];
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

/**
 * A project's label: its name, or `name (id)` when another project of the account has that name too (two series
 * would become one, the second overwriting the first) or it is named like the rest, "(other)". The same label in
 * the spend and the limit metrics.
 */
function projectLabels(projects: { id: string; name: string }[]): (id: string, name: string) => string {
  const ids = new Map<string, Set<string>>();
  for (const p of projects) ids.set(p.name, (ids.get(p.name) ?? new Set()).add(p.id));
  return (id, name) => ((ids.get(name)?.size ?? 0) > 1 || name === OTHER_PROJECTS ? `${name} (${id})` : name);
}
