import type { DashboardView } from '../../shared/domain';
import { formatMonth, monthOf } from '../../shared/dates';
import { money, preciseMoney } from '../format';

export function KpiCards({ view }: { view: DashboardView }) {
  const { kpis, currency, today } = view;
  const month = formatMonth(monthOf(today));
  return (
    <section className="kpis" aria-label="Key figures">
      <article className="kpi" aria-labelledby="kpi-mtd">
        <h2 id="kpi-mtd">Month to date</h2>
        <p className="kpi-value" title={preciseMoney(kpis.monthToDateMicros, currency)} data-testid="kpi-mtd">
          {money(kpis.monthToDateMicros, currency)}
        </p>
        <p className="muted">{month} (UTC)</p>
      </article>
      <article className="kpi" aria-labelledby="kpi-today">
        <h2 id="kpi-today">Today</h2>
        <p className="kpi-value" title={preciseMoney(kpis.todayMicros, currency)}>
          {money(kpis.todayMicros, currency)}
        </p>
        <p className="muted">UTC day so far</p>
      </article>
      <article className="kpi" aria-labelledby="kpi-forecast">
        <h2 id="kpi-forecast">Month-end forecast</h2>
        <p className="kpi-value">{kpis.forecastMicros === null ? '—' : money(kpis.forecastMicros, currency)}</p>
        <p className="muted">At the last 7 days' pace</p>
      </article>
      <article className="kpi" aria-labelledby="kpi-budget">
        <h2 id="kpi-budget">Budget</h2>
        {kpis.budgetMicros === null ? (
          <p className="kpi-value kpi-empty">No budget set</p>
        ) : (
          <>
            <p className="kpi-value">{kpis.budgetUsedPercent}% used</p>
            <meter min={0} max={100} low={80} high={99} optimum={0} value={Math.min(100, kpis.budgetUsedPercent ?? 0)} aria-label="Budget used" />
            <p className="muted">of {money(kpis.budgetMicros, currency)}</p>
          </>
        )}
      </article>
    </section>
  );
}
