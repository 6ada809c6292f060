/** Daily spend as stacked bars (recharts), with a table as its text alternative. */
import { memo, useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { compactMoney, preciseMoney } from '../format';
import { ChartTable } from './ChartTable';
import { BARS_UP_TO_DAYS, PALETTE, PlainBar, tickInterval } from './palette';

export const DailySpendChart = memo(function DailySpendChart({ daily, currency }: { daily: DailySeries; currency: string }) {
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
  const weekly = daily.bucket === 'week';
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} className="grid" />,
    <XAxis key="x" dataKey="day" tickFormatter={(d: string) => formatDay(d)} interval={tickInterval(data.length)} tick={{ fontSize: 12 }} />,
    <YAxis key="y" tickFormatter={(v: number) => compactMoney(Math.round(v * 1e6), currency)} width={64} tick={{ fontSize: 12 }} />,
    <Tooltip
      key="tooltip"
      formatter={(_value, name, item) => {
        const micros = (item.payload as { micros: Record<string, number> }).micros[String(item.dataKey)] ?? 0;
        return [preciseMoney(micros, currency), name];
      }}
      labelFormatter={(d) => `${weekly ? 'Week of ' : ''}${formatDay(String(d))} (UTC) — total ${preciseMoney(data.find((p) => p.day === d)?.totalMicros ?? 0, currency)}`}
    />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
  ];

  return (
    <div className="chart-block">
      <div className="chart" role="img" aria-label={weekly ? 'Weekly spend chart' : 'Daily spend chart'} data-testid="daily-chart">
        <ResponsiveContainer width="100%" height={320}>
          {/* Past a month, bars get thinner than a pixel or two: stacked areas draw the same totals far faster. */}
          {data.length <= BARS_UP_TO_DAYS ? (
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {daily.series.map((s, i) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} stackId="spend" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} shape={PlainBar} />
              ))}
            </BarChart>
          ) : (
            <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {daily.series.map((s, i) => (
                <Area key={s.key} type="linear" dataKey={s.key} name={s.label} stackId="spend" stroke={PALETTE[i % PALETTE.length]} fill={PALETTE[i % PALETTE.length]} fillOpacity={0.85} isAnimationActive={false} dot={false} />
              ))}
            </AreaChart>
          )}
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={weekly ? 'Weekly spend by UTC week' : 'Daily spend by UTC day'}
        head={[weekly ? 'Week of (UTC)' : 'Day (UTC)', ...daily.series.map((s) => s.label), 'Total']}
        rows={daily.points.map((p) => ({
          key: p.day,
          cells: [p.day, ...daily.series.map((s) => preciseMoney(p.values[s.key] ?? 0, currency)), preciseMoney(p.totalMicros, currency)],
        }))}
      />
    </div>
  );
});
