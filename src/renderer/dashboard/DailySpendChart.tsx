/** Daily spend as stacked bars (recharts), with a table as its text alternative. */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { compactMoney, preciseMoney } from '../format';
import { ChartTable } from './ChartTable';
import { PALETTE } from './palette';

export function DailySpendChart({ daily, currency }: { daily: DailySeries; currency: string }) {
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
                const micros = (item.payload as { micros: Record<string, number> }).micros[String(item.dataKey)] ?? 0;
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
      <ChartTable
        caption="Daily spend by UTC day"
        head={['Day (UTC)', ...daily.series.map((s) => s.label), 'Total']}
        rows={daily.points.map((p) => ({
          key: p.day,
          cells: [p.day, ...daily.series.map((s) => preciseMoney(p.values[s.key] ?? 0, currency)), preciseMoney(p.totalMicros, currency)],
        }))}
      />
    </div>
  );
}
