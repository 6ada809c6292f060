/**
 * Stacked areas drawn as one path per series from the chart's own scales, inside a recharts chart. recharts'
 * `<Area>` per series registers each one in the chart's store and recomputes every selector for each: for a
 * year of weeks by nine series that was most of what a range switch cost. The chart keeps one `<Area>` for the
 * total (the tooltip's and the axes' anchor); these layers are what is seen. For non-negative stacks only, as
 * bars' stackedBarShape: a negative part would have to hang below the axis.
 */
import { useXAxisScale, useYAxisScale, type ScaleFunction } from 'recharts';
import type { StackedSeries } from './chart-rows';

/**
 * "M x,y L x,y … Z": the band between `lower` and `upper` along `xs` (upper left to right, lower back).
 * @internal
 */
export function bandPath(xs: readonly number[], upper: readonly number[], lower: readonly number[]): string {
  const top = xs.map((x, i) => `${x},${upper[i]}`);
  const bottom = xs.map((x, i) => `${x},${lower[i]}`).reverse();
  return `M${top.join('L')}L${bottom.join('L')}Z`;
}

/** Each series' band, bottom-up: from the top of the series below it (the axis for the first) to its own top. */
function stackedBands<Row extends { day: string }>(
  rows: readonly Row[],
  series: readonly StackedSeries<Row>[],
  x: ScaleFunction,
  y: ScaleFunction,
) {
  const xs = rows.map((row) => x(row.day) ?? Number.NaN);
  const zero = y(0) ?? Number.NaN;
  if (!Number.isFinite(zero) || xs.some((v) => !Number.isFinite(v))) return [];
  const stacked = rows.map(() => 0);
  let lower = rows.map(() => zero);
  return series.map((s) => {
    rows.forEach((row, i) => (stacked[i] += s.value(row)));
    const upper = stacked.map((value) => y(value) ?? zero);
    const band = { key: s.key, colour: s.colour, d: bandPath(xs, upper, lower) };
    lower = upper;
    return band;
  });
}

export function StackedAreaLayers<Row extends { day: string }>({
  rows,
  series,
}: {
  rows: readonly Row[];
  series: readonly StackedSeries<Row>[];
}) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y || rows.length === 0) return null;
  return (
    <g className="stacked-areas">
      {stackedBands(rows, series, x, y).map((band) => (
        <path
          key={band.key}
          className="stacked-area"
          d={band.d}
          fill={band.colour}
          fillOpacity={0.85}
          stroke={band.colour}
          strokeWidth={1}
        />
      ))}
    </g>
  );
}
