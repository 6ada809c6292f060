/** Daily spend as stacked bars (recharts), with a table as its text alternative. */
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { compactMoney, preciseMoney } from '../format';

const PALETTE = ['#4f6bed', '#16a37f', '#e8833a', '#c2459b', '#8a63d2', '#2f9fd8', '#d5b131', '#d64545', '#7a869a'];

export function DailySpendChart({ daily, currency }: { daily: DailySeries; currency: string }) {
  const [showTable, setShowTable] = useState(false);
  // recharts needs plain numbers for bar heights; exact micros stay alongside for labels.
  const data = useMemo(
    () =>
      daily.points.map((p) => ({
        day: p.day,
        totalMicros: p.totalMicros,
        ...Object.fromEntries(daily.series.map((s) => [s.key, (p.values[s.key] ?? 0) / 1e6])),
        micros: p.values,
      })),
    [daily],
  );
  const hasData = daily.points.some((p) => p.totalMicros !== 0);
  if (!hasData) return <p className="empty">No spend in this range.</p>;

  return (
    <div className="chart-block">
      <div className="chart" role="img" aria-label="Daily spend chart" data-testid="daily-chart">
        <ResponsiveContainer width="100%" height={320}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="grid" />
            <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} minTickGap={16} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v: number) => compactMoney(Math.round(v * 1e6), currency)} width={64} tick={{ fontSize: 12 }} />
            <Tooltip
              formatter={(_value, name, item) => {
                const key = String(item.dataKey);
                const micros = (item.payload as { micros: Record<string, number> }).micros[key] ?? 0;
                return [preciseMoney(micros, currency), name];
              }}
              labelFormatter={(d) => `${formatDay(String(d))} (UTC) — total ${preciseMoney(data.find((p) => p.day === d)?.totalMicros ?? 0, currency)}`}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {daily.series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="spend" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <button type="button" className="link-button" aria-expanded={showTable} onClick={() => setShowTable((v) => !v)}>
        {showTable ? 'Hide table' : 'Show as table'}
      </button>
      {showTable && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Daily spend by UTC day</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                {daily.series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {daily.points.map((p) => (
                <tr key={p.day}>
                  <th scope="row">{p.day}</th>
                  {daily.series.map((s) => (
                    <td key={s.key}>{preciseMoney(p.values[s.key] ?? 0, currency)}</td>
                  ))}
                  <td>{preciseMoney(p.totalMicros, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
