/** Series colours, distinguishable in light and dark themes. */
export const PALETTE = ['#4f6bed', '#16a37f', '#e8833a', '#c2459b', '#8a63d2', '#2f9fd8', '#d5b131', '#d64545', '#7a869a'];

/** Up to this many days a chart draws bars; longer ranges draw stacked areas. */
export const BARS_UP_TO_DAYS = 45;

/** A bar as one plain <rect>: recharts' default shape computes a path per bar, which is slower to draw. */
export function PlainBar(props: unknown) {
  const { x, y, width, height, fill } = props as { x: number; y: number; width: number; height: number; fill: string };
  if (!(height > 0) || !(width > 0)) return <g />;
  return <rect className="recharts-bar-rectangle" x={x} y={y} width={width} height={height} fill={fill} />;
}

/** Shows about ten x-axis labels at fixed spacing (recharts would otherwise measure every label in the DOM). */
export const tickInterval = (points: number): number => Math.max(0, Math.ceil(points / 10) - 1);
