/** Top projects and line items this month: amount, share of the total, and change against last month. */
import { memo } from 'react';
import type { ComparedAmount, DashboardView } from '../../shared/domain';
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
        <table className="breakdown">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Amount</th>
              <th scope="col">Share</th>
              <th scope="col" title="Against the same days of last month">
                vs last month
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const share = total ? Math.round((r.micros * 1000) / total) / 10 : 0;
              return (
                <tr key={r.key}>
                  <th scope="row" className="name-cell">
                    {r.name}
                  </th>
                  <td title={preciseMoney(r.micros, currency)}>{money(r.micros, currency)}</td>
                  <td>
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, share)}%` }} />
                    </span>{' '}
                    {share}%
                  </td>
                  <td className={r.micros > r.previousMicros ? 'up' : 'down'}>{changeText(r.micros, r.previousMicros)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
