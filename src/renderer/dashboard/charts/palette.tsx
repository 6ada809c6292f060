/**
 * Series colours: no two series shown together share a colour. A view assigns its colours once
 * (`assignColours`, from the series ranked largest first by the range's total, the key's hash only breaking
 * ties), and the chart, its legend, its tables and the breakdown rows all read that one map, so a project keeps
 * its colour across them within the view. The colours fill bars, areas and swatches only; text next to them is
 * always the theme's text colour, so it stays readable (≥ 4.5:1) whatever the series colour.
 */

import { CREDITS_SERIES, OTHER_SERIES } from '../../../shared/dimensions';
import type { StackedSeries } from './chart-rows';

/**
 * 24 mid-tone colours, each at least 3.2:1 against the light (#fff) and the dark (#1b1f29) panel, picked by
 * farthest-point sampling in OKLab (every pair at least 0.084 apart, and as far from the greys of Other): the
 * first ones, which the largest series get, are the most distinct.
 * @internal
 */
export const PALETTE = [
  '#516ce9', // blue
  '#cb3904', // vermilion
  '#b843a9', // magenta
  '#a18800', // ochre
  '#087988', // teal
  '#dc6d83', // pink
  '#886657', // brown
  '#00a27a', // jade
  '#ae72f3', // lilac
  '#7d62a2', // plum
  '#0094d2', // sky
  '#df6f00', // orange
  '#5d9e00', // lime
  '#b14f6d', // raspberry
  '#af73af', // orchid
  '#5a8054', // moss
  '#b08067', // tan
  '#7d83d4', // periwinkle
  '#8b54d4', // violet
  '#dd5ebb', // rose
  '#ac6300', // rust
  '#1572bb', // cobalt
  '#81946d', // sage
  '#6c7c8b', // slate
] as const;

// Other is neutral grey, never a series colour; Credits (negative spend) have a colour of their own.
const OTHER_KEY = OTHER_SERIES;
const CREDITS_KEY = CREDITS_SERIES;
/** @internal */
export const OTHER_COLOUR = '#8a93a6';
/** Green for money back: not in the palette. @internal */
export const CREDITS_COLOUR = '#1c7f02';
const OTHER_KEYS = new Set([OTHER_KEY, 'Other']);

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

/**
 * The colour of a key with no rank in the view (never expected): its hash's palette colour.
 * @internal
 */
export function seriesColour(key: string): string {
  if (OTHER_KEYS.has(key)) return OTHER_COLOUR;
  if (key === CREDITS_KEY) return CREDITS_COLOUR;
  return PALETTE[hashKey(key) % PALETTE.length];
}

/** Series colours beyond the palette, built once each and never equal to one before them. */
const EXTRA: string[] = [];

/**
 * The n-th series colour: the palette's, then (a view showing more than 24 series at once, such as every project
 * listed) hues a golden angle apart at two luminances inside the band that keeps 3:1 against both panels.
 */
function colourAt(n: number): string {
  if (n < PALETTE.length) return PALETTE[n];
  const k = n - PALETTE.length;
  const used = new Set<string>([...PALETTE, OTHER_COLOUR, CREDITS_COLOUR]);
  while (EXTRA.length <= k) {
    const i = EXTRA.length;
    let hue = (17 + i * 137.508) % 360;
    let colour = withLuminance(hue, i % 2 === 0 ? 0.17 : 0.24);
    for (let nudge = 0; (used.has(colour) || EXTRA.includes(colour)) && nudge < 360; nudge++) {
      hue = (hue + 1) % 360;
      colour = withLuminance(hue, i % 2 === 0 ? 0.17 : 0.24);
    }
    EXTRA.push(colour);
  }
  return EXTRA[k];
}

/** A colour of `hue` (saturation 60%) whose relative luminance is `target`, by bisection on HSL lightness. */
function withLuminance(hue: number, target: number): string {
  let [low, high] = [0, 1];
  let rgb = hslToRgb(hue, 0.6, 0.5);
  for (let step = 0; step < 30; step++) {
    const mid = (low + high) / 2;
    rgb = hslToRgb(hue, 0.6, mid);
    if (luminance(rgb) < target) low = mid;
    else high = mid;
  }
  return `#${rgb
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}

/** WCAG relative luminance of an sRGB colour (components 0..1). */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** A view's colours: one per key, read by every chart, legend and table of the view. */
export interface ColourMap {
  of(key: string): string;
}

/**
 * Colours for keys ranked largest first (a view's breakdowns, then keys the view shows that they lack): the
 * n-th real key takes the n-th colour (`colourAt`: the palette, then more), so keys shown together never share one. Keys of equal
 * amount are ordered by their hash, then by key, so the result depends only on what is shown. Other is grey and
 * Credits green whatever their rank; a negative key (a credit) takes the Credits colour.
 */
export function assignColours(ranked: readonly { key: string; micros?: number }[]): ColourMap {
  const colours = new Map<string, string>();
  const seen = new Set<string>();
  const entries = ranked.filter((r) => !seen.has(r.key) && (seen.add(r.key), true));
  // The given rank stands; only a run of neighbours with the same amount is put in hash order.
  const order: { key: string; micros?: number }[] = [];
  for (let i = 0; i < entries.length;) {
    let j = i + 1;
    while (j < entries.length && entries[i].micros !== undefined && entries[j].micros === entries[i].micros) j++;
    order.push(...entries.slice(i, j).sort((a, b) => hashKey(a.key) - hashKey(b.key) || (a.key < b.key ? -1 : 1)));
    i = j;
  }
  let next = 0;
  let creditsTaken = false;
  for (const r of order) {
    const credit = r.key === CREDITS_KEY || (r.micros !== undefined && r.micros < 0);
    if (OTHER_KEYS.has(r.key)) colours.set(r.key, OTHER_COLOUR);
    // The folded "Credits" row, or the first credit listed on its own, is green; further credits (a table with
    // every row shown) take series colours, so two credits side by side stay apart.
    else if (credit && (r.key === CREDITS_KEY || !creditsTaken)) {
      colours.set(r.key, CREDITS_COLOUR);
      if (r.key !== CREDITS_KEY) creditsTaken = true;
    } else colours.set(r.key, colourAt(next++));
  }
  return { of: (key) => colours.get(key) ?? seriesColour(key) };
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
