/** Top projects and line items this month: amount, share of the total, and change against last month. */
import { memo } from 'react';
import type { ComparedAmount, DashboardView } from '../../shared/domain';
import { SimpleTable } from '../components/SimpleTable';
import { money, preciseMoney } from '../format';

const TOP = 10;

export const Breakdowns = memo(function Breakdowns({ monthBreakdown, currency }: { monthBreakdown: DashboardView['monthBreakdown']; currency: string }) {
  return (
    <div className="two-columns">
      <BreakdownTable title="Top projects this month" rows={monthBreakdown.projects} currency={currency} />
      <BreakdownTable title="Top line items this month" rows={monthBreakdown.lineItems} currency={currency} />
    </div>
  );
});

export function changeText(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? '—' : 'new';
  const change = Math.round(((current - previous) * 1000) / previous) / 10;
  return `${change > 0 ? '+' : ''}${change}%`;
}

function BreakdownTable({ title, rows, currency }: { title: string; rows: ComparedAmount[]; currency: string }) {
  const total = rows.reduce((s, r) => s + r.micros, 0);
  const id = title.replace(/\s+/g, '-').toLowerCase();
  const shown = rows.filter((r) => r.micros !== 0).slice(0, TOP);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {shown.length === 0 ? (
        <p className="empty">No spend this month yet.</p>
      ) : (
        <SimpleTable
          className="breakdown"
          head={['Name', 'Amount', 'Share', <span key="change" title="Against the same days of last month">vs last month</span>]}
          rows={shown.map((r) => {
            const share = total ? Math.round((r.micros * 1000) / total) / 10 : 0;
            return {
              key: r.key,
              cells: [
                <span key="name" className="name-cell" title={r.name}>
                  {r.name}
                </span>,
                <span key="amount" title={preciseMoney(r.micros, currency)}>
                  {money(r.micros, currency)}
                </span>,
                <span key="share">
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, share)}%` }} />
                  </span>{' '}
                  {share}%
                </span>,
                changeText(r.micros, r.previousMicros),
              ],
              cellClass: [undefined, undefined, r.micros > r.previousMicros ? 'up' : 'down'],
            };
          })}
        />
      )}
    </section>
  );
}
