import type { DashboardView } from '../../shared/domain';
import { formatMonth, monthOf } from '../../shared/dates';
import { exactTitle, money } from '../lib/format';
import { awaitingFirstSync } from './sync-state';
import { BudgetCard } from '../budgets/BudgetCard';
import { overrunOf } from '../../shared/overrun';
import { OverrunNote } from '../budgets/OverrunNote';

export function KpiCards({ view, accountId }: { view: DashboardView; accountId: string }) {
  // The budget card edits one account: the selected one, or the only one there is.
  const account = view.accounts.length === 1 ? view.accounts[0] : view.accounts.find((a) => a.id === accountId);
  const { kpis, currency, today } = view;
  const month = formatMonth(monthOf(today));
  // Before the first sync there are no figures: "Not synced yet", never a $0.00 that looks like a real month.
  const pending = awaitingFirstSync(view, accountId);
  // Beside the forecast: how it stands against the budget, when it is close to it or past it.
  const overrun = overrunOf({
    spentMicros: kpis.monthToDateMicros,
    forecastMicros: kpis.forecastMicros,
    budgetMicros: kpis.budgetMicros,
    today,
  });
  const figure = (micros: number | null, testId?: string) =>
    pending ? (
      <p className="kpi-value kpi-empty" data-testid={testId}>
        Not synced yet
      </p>
    ) : (
      <p className="kpi-value" title={micros === null ? undefined : exactTitle(micros, currency)} data-testid={testId}>
        {micros === null ? '—' : money(micros, currency)}
      </p>
    );
  return (
    <section className="kpis" aria-label="Key figures">
      <article className="kpi" aria-labelledby="kpi-mtd">
        <h2 id="kpi-mtd">Month to date</h2>
        {figure(kpis.monthToDateMicros, 'kpi-mtd')}
        {/* The month to date always ends in today's partial UTC day: on the 1st it is nothing else. */}
        <p className="muted">
          {today.endsWith('-01')
            ? `${month} (UTC): today only, a partial day`
            : `${month} (UTC), today so far included`}
        </p>
        {kpis.otherCurrencies.map((other) => (
          <p key={other.currency} className="muted" data-testid="kpi-other-currency">
            Also {money(other.micros, other.currency)} billed in {other.currency.toUpperCase()}, not included
          </p>
        ))}
      </article>
      <article className="kpi" aria-labelledby="kpi-today">
        <h2 id="kpi-today">Today</h2>
        {figure(kpis.todayMicros)}
        <p className="muted">UTC day so far</p>
      </article>
      <article className="kpi" aria-labelledby="kpi-forecast">
        <h2 id="kpi-forecast">Month-end forecast</h2>
        {figure(kpis.forecastMicros)}
        <p className="muted">
          {kpis.forecastMicros === null
            ? 'Needs one whole day of data'
            : 'At the last 7 whole days’ pace; today is not extrapolated'}
        </p>
        {!pending && <OverrunNote overrun={overrun} currency={currency} testId="forecast-overrun" short />}
      </article>
      <BudgetCard key={view.isDemo ? 'demo' : 'real'} view={view} account={account} />
    </section>
  );
}
