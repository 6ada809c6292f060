/**
 * The Prometheus metrics of `spendwatch serve` (names and labels are a contract: docs/user/team-server.md and
 * deploy/). Every scrape reads the figures afresh from the data dir, so they equal `status --json` at that moment,
 * whichever process synced last. Money in dollars; the exact figures stay in `status --json`.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsAccount } from '../core/reports/team-metrics';

export interface SpendwatchMetrics {
  registry: Registry;
  /** The text exposition of the current figures. */
  render(): Promise<string>;
}

export function spendwatchMetrics(read: () => MetricsAccount[]): SpendwatchMetrics {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const monthToDate = gauge(
    'spendwatch_month_to_date_dollars',
    'Costs this UTC month so far, in US dollars (as status --json).',
    ['account', 'provider'],
  );
  const today = gauge('spendwatch_today_dollars', 'Costs this UTC day so far, in US dollars.', ['account', 'provider']);
  const forecast = gauge(
    'spendwatch_forecast_dollars',
    'Forecast for the whole UTC month, in US dollars (absent until there is enough data).',
    ['account', 'provider'],
  );
  const budget = gauge(
    'spendwatch_budget_dollars',
    'The monthly budget set in Spendwatch, in US dollars (only where one is set).',
    ['account', 'provider'],
  );
  const project = gauge(
    'spendwatch_project_month_to_date_dollars',
    'Costs this UTC month per project: the top 50, the rest as project="(other)".',
    ['account', 'provider', 'project'],
  );
  const limit = gauge(
    'spendwatch_spend_limit_dollars',
    "OpenAI's hard spend limit per month, in US dollars (scope: account, or project:<name>).",
    ['account', 'scope'],
  );
  const enforcing = gauge(
    'spendwatch_spend_limit_enforcing',
    'Whether OpenAI is enforcing the hard limit now (rejecting API requests): 1 or 0.',
    ['account', 'scope'],
  );
  const lastSuccess = gauge(
    'spendwatch_last_sync_success_timestamp_seconds',
    'When the account last synced successfully (Unix seconds; absent before the first).',
    ['account'],
  );
  const failures = new Counter({
    name: 'spendwatch_sync_failures_total',
    help: 'Failed syncs of the account, by any Spendwatch process on this data dir.',
    labelNames: ['account'],
    registers: [registry],
  });
  // The usual process_* and nodejs_* metrics, under their usual names: dashboards for Node services know them.
  collectDefaultMetrics({ register: registry });
  const perScrape = [monthToDate, today, forecast, budget, project, limit, enforcing, lastSuccess];

  return {
    registry,
    async render() {
      const accounts = read();
      for (const metric of perScrape) metric.reset();
      failures.reset();
      for (const a of accounts) {
        const labels = { account: a.name, provider: a.provider };
        monthToDate.set(labels, Number(a.monthToDate));
        today.set(labels, Number(a.today));
        if (a.forecast !== null) forecast.set(labels, Number(a.forecast));
        if (a.budget !== null) budget.set(labels, Number(a.budget));
        for (const p of a.projects) project.set({ ...labels, project: p.name }, Number(p.amount));
        for (const l of a.limits) {
          limit.set({ account: a.name, scope: l.scope }, Number(l.amount));
          enforcing.set({ account: a.name, scope: l.scope }, l.enforcing ? 1 : 0);
        }
        if (a.lastSyncSuccessAt) lastSuccess.set({ account: a.name }, Date.parse(a.lastSyncSuccessAt) / 1000);
        // The total is kept in the data dir (it survives restarts); a counter is set by adding it to zero.
        failures.inc({ account: a.name }, a.failuresTotal);
      }
      return registry.metrics();
    },
  };
}
