/** Tokens or requests by model per UTC day, from OpenAI's Usage API. */
import { memo, useMemo, useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { ChartLegend, ChartTooltipBox, TOOLTIP_CURSOR, type TooltipContentProps } from './ChartParts';
import { ChartTable } from './ChartTable';
import { PlainBar, seriesColours, tickInterval } from './palette';

// Usage is the secondary chart: bars only for short ranges keep range switches quick.
const USAGE_BARS_UP_TO = 7;
const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat();

export const UsageChart = memo(function UsageChart({ usage }: { usage: DashboardView['usage'] }) {
  const [metric, setMetric] = useState<'tokens' | 'requests'>('tokens');
  const colours = useMemo(() => seriesColours(usage.models), [usage.models]);
  if (usage.models.length === 0) return <p className="empty">No usage data in this range.</p>;
  const data = usage.points.map((p) => ({ day: p.day, ...p[metric] }));
  const colour = (m: string) => colours.get(m) ?? '#888';
  const renderTooltip = ({ active, label }: TooltipContentProps) => {
    if (!active || typeof label !== 'string') return null;
    const point = usage.points.find((p) => p.day === label);
    if (!point) return null;
    const values = point[metric];
    return (
      <ChartTooltipBox
        heading={`${usage.bucket === 'week' ? 'Week of ' : ''}${formatDay(label)} (UTC) — ${exact.format(Object.values(values).reduce((a, b) => a + b, 0))} ${metric}`}
        rows={[...usage.models]
          .reverse()
          .filter((m) => (values[m] ?? 0) !== 0)
          .map((m) => ({ key: m, name: m, colour: colour(m), value: exact.format(values[m] ?? 0) }))}
      />
    );
  };
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} className="grid" />,
    <XAxis key="x" dataKey="day" tickFormatter={(d: string) => formatDay(d)} interval={tickInterval(data.length)} tick={{ fontSize: 12 }} />,
    <YAxis key="y" tickFormatter={(v: number) => count.format(v)} width={56} tick={{ fontSize: 12 }} allowDecimals={false} />,
    <Tooltip key="tooltip" content={renderTooltip} cursor={TOOLTIP_CURSOR} isAnimationActive={false} />,
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
              {usage.models.map((m) => (
                <Bar key={m} dataKey={m} stackId="usage" fill={colour(m)} isAnimationActive={false} shape={PlainBar} />
              ))}
            </BarChart>
          ) : (
            <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {usage.models.map((m) => (
                <Area key={m} type="linear" dataKey={m} stackId="usage" stroke={colour(m)} fill={colour(m)} fillOpacity={0.85} isAnimationActive={false} dot={false} />
              ))}
            </AreaChart>
          )}
        </ResponsiveContainer>
      </div>
      <ChartLegend label="Models" items={usage.models.map((m) => ({ key: m, label: m, colour: colour(m) }))} />
      <ChartTable
        caption={`${usage.bucket === 'week' ? 'Weekly' : 'Daily'} ${metric} by model`}
        head={[usage.bucket === 'week' ? 'Week of (UTC)' : 'Day (UTC)', ...usage.models]}
        rows={() => usage.points.map((p) => ({ key: p.day, cells: [p.day, ...usage.models.map((m) => exact.format(p[metric][m] ?? 0))] }))}
      />
    </div>
  );
});
