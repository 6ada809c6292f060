/** Tokens or requests by model per UTC day, from OpenAI's Usage API. */
import { memo, useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { ChartTable } from './ChartTable';
import { PALETTE, PlainBar, tickInterval } from './palette';

// Usage is the secondary chart: bars only for short ranges keep range switches quick.
const USAGE_BARS_UP_TO = 7;
const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat();

export const UsageChart = memo(function UsageChart({ usage }: { usage: DashboardView['usage'] }) {
  const [metric, setMetric] = useState<'tokens' | 'requests'>('tokens');
  if (usage.models.length === 0) return <p className="empty">No usage data in this range.</p>;
  const data = usage.points.map((p) => ({ day: p.day, ...p[metric] }));
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} className="grid" />,
    <XAxis key="x" dataKey="day" tickFormatter={(d: string) => formatDay(d)} interval={tickInterval(data.length)} tick={{ fontSize: 12 }} />,
    <YAxis key="y" tickFormatter={(v: number) => count.format(v)} width={56} tick={{ fontSize: 12 }} />,
    <Tooltip key="tooltip" formatter={(value, name) => [exact.format(Number(value)), name]} labelFormatter={(d) => `${usage.bucket === 'week' ? 'Week of ' : ''}${formatDay(String(d))} (UTC)`} />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
  ];
  return (
    <div className="chart-block">
      <div role="group" aria-label="Usage measure" className="segmented">
        <button type="button" aria-pressed={metric === 'tokens'} onClick={() => setMetric('tokens')}>
          Tokens
        </button>
        <button type="button" aria-pressed={metric === 'requests'} onClick={() => setMetric('requests')}>
          Requests
        </button>
      </div>
      <div className="chart" role="img" aria-label={`${usage.bucket === 'week' ? 'Weekly' : 'Daily'} ${metric} by model`} data-testid="usage-chart">
        <ResponsiveContainer width="100%" height={240}>
          {data.length <= USAGE_BARS_UP_TO ? (
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {usage.models.map((m, i) => (
                <Bar key={m} dataKey={m} stackId="usage" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} shape={PlainBar} />
              ))}
            </BarChart>
          ) : (
            <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {usage.models.map((m, i) => (
                <Area key={m} type="linear" dataKey={m} stackId="usage" stroke={PALETTE[i % PALETTE.length]} fill={PALETTE[i % PALETTE.length]} fillOpacity={0.85} isAnimationActive={false} dot={false} />
              ))}
            </AreaChart>
          )}
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={`${usage.bucket === 'week' ? 'Weekly' : 'Daily'} ${metric} by model`}
        head={[usage.bucket === 'week' ? 'Week of (UTC)' : 'Day (UTC)', ...usage.models]}
        rows={usage.points.map((p) => ({ key: p.day, cells: [p.day, ...usage.models.map((m) => exact.format(p[metric][m] ?? 0))] }))}
      />
    </div>
  );
});
