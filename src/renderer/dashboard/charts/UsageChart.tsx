/** Tokens or requests by model per UTC day (or month, 12 months), from OpenAI's Usage API. */
import { memo, useMemo, useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../../shared/domain';
import { ChartLegend, ChartTooltipBox, TOOLTIP_CURSOR, type TooltipContentProps } from './ChartParts';
import { ChartTable } from './ChartTable';
import { noNegativePart, partOf } from './chart-rows';
import { BARS_UP_TO_DAYS, type ColourMap, tickInterval } from './palette';
import { bucketWords } from './buckets';
import { chartRows, chartSeries, stackedChart } from './stacked-chart';

// Usage is the secondary chart: bars only for a week or less, areas beyond (see stacked-chart.tsx).
const USAGE_BARS_UP_TO = 7;
const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat();

export const UsageChart = memo(function UsageChart({
  usage,
  colours,
}: {
  usage: DashboardView['usage'];
  /** The view's model colours: a model is the same colour here as in the spend chart stacked by model. */
  colours: ColourMap;
}) {
  const [metric, setMetric] = useState<'tokens' | 'requests'>('tokens');
  const data = useMemo(
    () =>
      chartRows(
        usage.points,
        usage.models,
        (p) => p[metric],
        (p) => usage.models.reduce((sum, m) => sum + partOf(p[metric], m), 0),
      ),
    [usage, metric],
  );
  const series = useMemo(
    () => chartSeries(usage.models.map((m) => ({ key: m, label: m, colour: colours.of(m) }))),
    [usage.models, colours],
  );
  // Counts are never negative from the Usage API; should one be, recharts stacks every model itself.
  const negativeParts = useMemo(
    () =>
      !noNegativePart(
        usage.points.map((p) => p[metric]),
        usage.models,
      ),
    [usage, metric],
  );
  if (usage.models.length === 0) return <p className="empty">No usage data in this range.</p>;
  const colour = (m: string) => colours.of(m);
  const words = bucketWords(usage.bucket, usage.points.at(-1)?.day, usage.points[0]?.day);
  const renderTooltip = ({ active, label }: TooltipContentProps) => {
    if (!active || typeof label !== 'string') return null;
    const point = usage.points.find((p) => p.day === label);
    if (!point) return null;
    const values = point[metric];
    return (
      <ChartTooltipBox
        heading={`${words.heading(label)} — ${exact.format(usage.models.reduce((sum, m) => sum + partOf(values, m), 0))} ${metric}`}
        rows={[...usage.models]
          .reverse()
          .filter((m) => partOf(values, m) !== 0)
          .map((m) => ({ key: m, name: m, colour: colour(m), value: exact.format(partOf(values, m)) }))}
      />
    );
  };
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} className="grid" />,
    <XAxis
      key="x"
      dataKey="day"
      tickFormatter={words.tick}
      interval={tickInterval(data.length)}
      tick={{ fontSize: 12 }}
    />,
    <YAxis
      key="y"
      tickFormatter={(v: number) => count.format(v)}
      width={56}
      tick={{ fontSize: 12 }}
      allowDecimals={false}
    />,
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
      <div className="chart" role="img" aria-label={`${words.adjective} ${metric} by model`} data-testid="usage-chart">
        <ResponsiveContainer width="100%" height={240}>
          {stackedChart({
            data,
            series,
            negativeParts,
            // Months are bars like the spend chart's: 12 of them, never areas ending in a cliff.
            barsUpTo: words.monthly ? BARS_UP_TO_DAYS : USAGE_BARS_UP_TO,
            stackId: 'usage',
            axes,
          })}
        </ResponsiveContainer>
      </div>
      <ChartLegend label="Models" items={usage.models.map((m) => ({ key: m, label: m, colour: colour(m) }))} />
      <ChartTable
        caption={`${words.adjective} ${metric} by model`}
        head={[words.column, ...usage.models]}
        rows={() =>
          usage.points.map((p) => ({
            key: p.day,
            cells: [words.cell(p.day), ...usage.models.map((m) => exact.format(partOf(p[metric], m)))],
          }))
        }
      />
    </div>
  );
});
