/**
 * The one rule both stacked charts (spend, usage) draw by. Without a negative part: one recharts bar per bucket
 * carrying its whole stack (stackedBarShape), or, past `barsUpTo` buckets, one anchor <Area> for the total plus a
 * path per series (StackedAreaLayers) — recharts recomputes its store for every <Bar> or <Area>, which made one
 * per series the bulk of a range switch. With a negative part (a credit): recharts stacks every series itself, as
 * bars, negative parts down from the axis.
 */
import type { ReactElement } from 'react';
import { Area, AreaChart, Bar, BarChart } from 'recharts';
import { partOf, type StackedSeries } from './chart-rows';
import { PlainBar, stackedBarShape } from './palette';
import { StackedAreaLayers } from './StackedAreaLayers';

/** A chart row: the bucket, its total and each series' value in a Map (no series key can collide with a field). */
export interface ChartRow {
  day: string;
  total: number;
  parts: Map<string, number>;
}

const rowTotal = (row: ChartRow) => row.total;

/** Chart rows from a view's points: each series' value read by own key and divided by `unit` (1e6 for micros). */
export function chartRows<P extends { day: string }>(
  points: readonly P[],
  keys: readonly string[],
  valuesOf: (point: P) => Record<string, number>,
  totalOf: (point: P) => number,
  unit = 1,
): ChartRow[] {
  return points.map((p) => ({
    day: p.day,
    total: totalOf(p) / unit,
    parts: new Map(keys.map((key) => [key, partOf(valuesOf(p), key) / unit])),
  }));
}

/** Series for the chart: each reads its value from a row's parts. */
export function chartSeries<S extends { key: string; colour: string }>(
  series: readonly S[],
): (S & StackedSeries<ChartRow>)[] {
  return series.map((s) => ({ ...s, value: (row: ChartRow) => row.parts.get(s.key) ?? 0 }));
}

// One bar shape per series list (callers memoise it), so a re-render with the same series keeps recharts' shape.
const barShapes = new WeakMap<readonly StackedSeries<ChartRow>[], ReturnType<typeof stackedBarShape<ChartRow>>>();

const MARGIN = { top: 8, right: 8, bottom: 0, left: 8 };

/** The chart element for a ResponsiveContainer (which sizes its direct child, so this is not a component). */
export function stackedChart({
  data,
  series,
  negativeParts,
  barsUpTo,
  stackId,
  axes,
}: {
  data: ChartRow[];
  series: readonly (StackedSeries<ChartRow> & { label: string })[];
  negativeParts: boolean;
  barsUpTo: number;
  stackId: string;
  axes: ReactElement[];
}): ReactElement {
  if (!negativeParts && data.length > barsUpTo) {
    return (
      <AreaChart data={data} margin={MARGIN}>
        {axes}
        <Area
          type="linear"
          dataKey={rowTotal}
          name="Total"
          stroke="none"
          fill="none"
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
        <StackedAreaLayers rows={data} series={series} />
      </AreaChart>
    );
  }
  let shape = barShapes.get(series);
  if (!shape) barShapes.set(series, (shape = stackedBarShape(series)));
  return (
    <BarChart data={data} margin={MARGIN} stackOffset="sign">
      {axes}
      {negativeParts ? (
        series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.value}
            name={s.label}
            stackId={stackId}
            fill={s.colour}
            isAnimationActive={false}
            shape={PlainBar}
          />
        ))
      ) : (
        <Bar dataKey={rowTotal} name="Total" isAnimationActive={false} shape={shape} />
      )}
    </BarChart>
  );
}
