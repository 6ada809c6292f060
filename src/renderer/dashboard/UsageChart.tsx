/** Tokens or requests by model per UTC day, from OpenAI's Usage API. */
import { memo, useMemo, useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { ChartLegend, ChartTooltipBox, TOOLTIP_CURSOR, type TooltipContentProps } from './ChartParts';
import { ChartTable } from './ChartTable';
import { noNegativePart, partOf } from './chart-rows';
import { PlainBar, seriesColours, stackedBarShape, tickInterval } from './palette';
import { StackedAreaLayers } from './StackedAreaLayers';

// Usage is the secondary chart: bars only for short ranges keep range switches quick.
const USAGE_BARS_UP_TO = 7;
const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat();

/** A chart row: the bucket, its total and each model's count in a Map (a model could be called "day"). */
interface UsageRow {
  day: string;
  total: number;
  counts: Map<string, number>;
}
const bucketTotal = (row: UsageRow) => row.total;

export const UsageChart = memo(function UsageChart({ usage }: { usage: DashboardView['usage'] }) {
  const [metric, setMetric] = useState<'tokens' | 'requests'>('tokens');
  const colours = useMemo(() => seriesColours(usage.models), [usage.models]);
  const data = useMemo(
    () =>
      usage.points.map((p): UsageRow => {
        const counts = new Map(usage.models.map((m) => [m, partOf(p[metric], m)]));
        return { day: p.day, total: [...counts.values()].reduce((a, b) => a + b, 0), counts };
      }),
    [usage, metric],
  );
  const series = useMemo(() => usage.models.map((m) => ({ key: m, colour: colours.get(m) ?? '#888', value: (row: UsageRow) => row.counts.get(m) ?? 0 })), [usage.models, colours]);
  // Counts are never negative from the Usage API; should one be, recharts stacks every model itself.
  const stacked = useMemo(() => noNegativePart(usage.points.map((p) => p[metric]), usage.models), [usage, metric]);
  const barShape = useMemo(() => stackedBarShape(series), [series]);
  if (usage.models.length === 0) return <p className="empty">No usage data in this range.</p>;
  const colour = (m: string) => colours.get(m) ?? '#888';
  const renderTooltip = ({ active, label }: TooltipContentProps) => {
    if (!active || typeof label !== 'string') return null;
    const point = usage.points.find((p) => p.day === label);
    if (!point) return null;
    const values = point[metric];
    return (
      <ChartTooltipBox
        heading={`${usage.bucket === 'week' ? 'Week of ' : ''}${formatDay(label)} (UTC) — ${exact.format(usage.models.reduce((sum, m) => sum + partOf(values, m), 0))} ${metric}`}
        rows={[...usage.models]
          .reverse()
          .filter((m) => partOf(values, m) !== 0)
          .map((m) => ({ key: m, name: m, colour: colour(m), value: exact.format(partOf(values, m)) }))}
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
          {/* As the spend chart: one bar per bucket carrying its stack, or one anchor area plus a path per model. */}
          {data.length <= USAGE_BARS_UP_TO ? (
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {stacked ? (
                <Bar dataKey={bucketTotal} name="Total" isAnimationActive={false} shape={barShape} />
              ) : (
                series.map((s) => <Bar key={s.key} dataKey={s.value} name={s.key} stackId="usage" fill={s.colour} isAnimationActive={false} shape={PlainBar} />)
              )}
            </BarChart>
          ) : (
            <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              {axes}
              {stacked ? (
                <>
                  <Area type="linear" dataKey={bucketTotal} name="Total" stroke="none" fill="none" isAnimationActive={false} dot={false} activeDot={false} />
                  <StackedAreaLayers rows={data} series={series} />
                </>
              ) : (
                series.map((s) => <Area key={s.key} type="linear" dataKey={s.value} name={s.key} stackId="usage" stroke={s.colour} fill={s.colour} fillOpacity={0.85} isAnimationActive={false} dot={false} />)
              )}
            </AreaChart>
          )}
        </ResponsiveContainer>
      </div>
      <ChartLegend label="Models" items={usage.models.map((m) => ({ key: m, label: m, colour: colour(m) }))} />
      <ChartTable
        caption={`${usage.bucket === 'week' ? 'Weekly' : 'Daily'} ${metric} by model`}
        head={[usage.bucket === 'week' ? 'Week of (UTC)' : 'Day (UTC)', ...usage.models]}
        rows={() => usage.points.map((p) => ({ key: p.day, cells: [p.day, ...usage.models.map((m) => exact.format(partOf(p[metric], m)))] }))}
      />
    </div>
  );
});
