/**
 * Series colours: one stable colour per model, project or line item, in every chart and after every reload.
 * A colour comes from a hash of the series key (not its position), so "gpt-4o" is the same blue in the daily
 * chart, the usage chart and the breakdown tables. The colours fill bars, areas and swatches only; text next to
 * them is always the theme's text colour, so it stays readable (≥ 4.5:1) whatever the series colour.
 */
import type { StackedSeries } from './chart-rows';

/**
 * Mid-tone colours, each at least 3:1 against the light and the dark panel, distinct from one another.
 * @internal
 */
export const PALETTE = [
  '#4f6bed', // blue
  '#12916d', // green
  '#d9700f', // orange
  '#c2459b', // magenta
  '#8a63d2', // purple
  '#1f8fc9', // sky
  '#a8841a', // ochre
  '#d64545', // red
  '#2a9d8f', // teal
  '#7d8a2e', // olive
  '#b5651d', // brown
  '#5f6fa3', // slate
] as const;

/**
 * The folded remainder ("Other") is always neutral grey, never a series colour.
 * @internal
 */
export const OTHER_COLOUR = '#8a93a6';
const OTHER_KEYS = new Set(['__other__', 'Other']);

/**
 * FNV-1a over UTF-16 code units: small, fast and the same in every run (no randomised hashing).
 * @internal
 */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A series' own colour, from its key alone. */
export function seriesColour(key: string): string {
  return OTHER_KEYS.has(key) ? OTHER_COLOUR : PALETTE[hashKey(key) % PALETTE.length];
}

/**
 * Colours for the series shown together in one chart: each key keeps its own colour unless another key in
 * the same chart already has it; then it takes the next free one. Collisions are resolved in key order (not
 * rank), so the result depends only on which keys are shown — the same on every reload.
 */
export function seriesColours(keys: readonly string[]): Map<string, string> {
  const colours = new Map<string, string>();
  const taken = new Set<number>();
  for (const key of [...keys].sort()) {
    if (OTHER_KEYS.has(key)) {
      colours.set(key, OTHER_COLOUR);
      continue;
    }
    let index = hashKey(key) % PALETTE.length;
    for (let probe = 0; probe < PALETTE.length && taken.has(index); probe++) index = (index + 1) % PALETTE.length;
    taken.add(index);
    colours.set(key, PALETTE[index]);
  }
  return colours;
}

/** Up to this many days a chart draws bars; longer ranges draw stacked areas. */
export const BARS_UP_TO_DAYS = 45;

/**
 * A bar as one plain <rect>: recharts' default shape computes a path per bar, which is slower to draw. A negative
 * part (a credit) comes with a negative height, from its top at the axis downwards: drawn as the same rect, upright.
 */
export function PlainBar(props: unknown) {
  const { x, y, width, height, fill } = props as { x: number; y: number; width: number; height: number; fill: string };
  if (!(height !== 0 && Number.isFinite(height)) || !(width > 0)) return <g />;
  return (
    <rect
      className="recharts-bar-rectangle"
      x={x}
      y={height > 0 ? y : y + height}
      width={width}
      height={Math.abs(height)}
      fill={fill}
    />
  );
}

/**
 * A day's whole stack drawn by one recharts bar (whose value is the day's total): one bar per day instead of one
 * per series and day, which is most of what a range switch costs recharts. Segments go bottom-up in series order,
 * as recharts stacks them. For non-negative stacks only: a negative part would have to hang below the axis.
 * Each part is drawn at its own height on the axis (the bar's pixels per dollar), never stretched to fill the bar:
 * parts that do not add up to the total (a series lost on the way, rounding) must not misstate the others.
 */
export function stackedBarShape<Row>(series: readonly StackedSeries<Row>[]) {
  return function StackedBar(props: unknown) {
    const {
      x,
      y,
      width,
      height,
      value: barValue,
      payload,
    } = props as { x: number; y: number; width: number; height: number; value: unknown; payload: Row };
    if (!(height > 0) || !(width > 0) || typeof barValue !== 'number' || !(barValue > 0)) return <g />;
    const perDollar = height / barValue;
    let top = y + height;
    return (
      <g>
        {series.map((s) => {
          const value = s.value(payload);
          if (!(value > 0)) return null;
          const part = perDollar * value;
          top -= part;
          return (
            <rect
              key={s.key}
              className="recharts-bar-rectangle"
              x={x}
              y={top}
              width={width}
              height={part}
              fill={s.colour}
            />
          );
        })}
      </g>
    );
  };
}

/** Shows about ten x-axis labels at fixed spacing (recharts would otherwise measure every label in the DOM). */
export const tickInterval = (points: number): number => Math.max(0, Math.ceil(points / 10) - 1);
