/**
 * Who and what spent it, at a glance: the week's top movers (projects and API keys), the unit prices actually
 * billed this month against last month's, and savings hints with what each estimate rests on. Estimated figures
 * say so.
 */
import { memo } from 'react';
import { formatMonthName } from '../../shared/dates';
import { unitPriceText } from '../../shared/unit-price-text';
import type { DashboardView } from '../../shared/domain';
import { SimpleTable, type TableRow } from '../lib/ui/SimpleTable';
import { changeText, money } from '../lib/format';

type Insights = NonNullable<DashboardView['insights']>;

/** What a mover is, after its name; a name that already says it ("Project 1") needs no "project" after it. */
const scopeTag = (name: string, noun: string): string =>
  name.toLowerCase().startsWith(`${noun.toLowerCase()} `) ? '' : noun;

function priceChange(now: string, before: string | null): string {
  if (before === null) return 'new';
  const [a, b] = [Number(now), Number(before)];
  if (b === 0) return 'new';
  const percent = ((a - b) / b) * 100;
  // Rounding in the provider's own figures moves a price by millionths of a percent: that is no change.
  if (Math.abs(percent) < 0.05) return 'unchanged';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

export const InsightsPanel = memo(function InsightsPanel({
  insights,
  currency,
}: {
  insights: Insights;
  currency: string;
}) {
  const moverRows: TableRow[] = insights.movers.map((m) => ({
    key: `${m.dimension}:${m.key}`,
    cells: [
      <>
        {m.name} <span className="muted">{scopeTag(m.name, m.dimension === 'project' ? 'project' : 'API key')}</span>
      </>,
      <>
        {money(m.micros, currency)}
        {m.estimated ? <span className="muted"> (estimated)</span> : null}
      </>,
      changeText(m.micros, m.previousMicros),
    ],
  }));
  const priceRows: TableRow[] = insights.prices.slice(0, 12).map((p) => ({
    key: p.lineItem,
    cells: [
      <span className="line-item-name">{p.lineItem}</span>,
      <span className="price" title={`Exact: $${p.unitPrice} per ${p.unit.replace(/_/g, ' ')}`}>
        {unitPriceText(p.unitPrice, p.unit)}
      </span>,
      priceChange(p.unitPrice, p.previousUnitPrice),
    ],
  }));
  return (
    <section className="panel insights" aria-labelledby="insights-title">
      <div className="panel-head">
        <h2 id="insights-title">Who spent it, and what could be saved</h2>
        <span className="muted">{formatMonthName(insights.month)}, UTC days</span>
      </div>
      <div className="insights-grid">
        <div>
          <h3>Top movers this week</h3>
          {moverRows.length ? (
            <SimpleTable
              caption="Projects and API keys whose spend changed most: the last 7 UTC days against the 7 before"
              head={['Project or key', 'Last 7 days', 'vs the 7 before']}
              rows={moverRows}
            />
          ) : (
            <p className="muted">No project or key moved by a dollar or more this week.</p>
          )}
        </div>
        <div>
          <h3>Unit prices billed</h3>
          {priceRows.length ? (
            <SimpleTable
              caption="Each line item's cost divided by its quantity this month, against last month"
              head={['Line item', 'Price', 'vs last month']}
              rows={priceRows}
            />
          ) : (
            <p className="muted">No line item was billed with a quantity this month.</p>
          )}
          {insights.unpriced > 0 ? (
            <p className="muted small">
              {insights.unpriced} line item{insights.unpriced === 1 ? ' was' : 's were'} billed without a quantity, so{' '}
              {insights.unpriced === 1 ? 'it has' : 'they have'} no unit price.
            </p>
          ) : null}
        </div>
        <div>
          <h3>Savings (estimated)</h3>
          {insights.savings.length ? (
            <ul className="savings">
              {insights.savings.map((s) => (
                <li key={`${s.kind}:${s.title}`}>
                  <strong>{money(s.micros, currency)} a month</strong> — {s.title}
                  <details>
                    <summary>What this rests on</summary>
                    <p className="muted small">{s.basis}</p>
                  </details>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing worth a dollar a month found in this month&apos;s usage.</p>
          )}
        </div>
      </div>
    </section>
  );
});
