/**
 * The text parts of every chart — tooltip and legend — as themed HTML instead of recharts' defaults, which
 * draw a white box and colour the text in the series colour (unreadable in dark mode, below 4.5:1 in both).
 * Here text is always the theme's text colour on the theme's panel; the series colour is carried by a swatch.
 */
import type { ReactNode } from 'react';

export interface TooltipRow {
  key: string;
  name: string;
  colour: string;
  value: ReactNode;
  /** Hover text, e.g. the exact figure. */
  title?: string;
}

/** Recharts hands its tooltip `content` these props (loosely typed there); only what we read. */
export interface TooltipContentProps {
  active?: boolean;
  label?: unknown;
  payload?: readonly { dataKey?: unknown; name?: unknown; value?: unknown; color?: string; payload?: unknown }[];
}

export function ChartTooltipBox({ heading, rows }: { heading: ReactNode; rows: TooltipRow[] }) {
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-heading">{heading}</p>
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.key} title={r.title}>
              <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
              <span className="chart-tooltip-name">{r.name}</span>
              <span className="chart-tooltip-value">{r.value}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface LegendItem {
  key: string;
  label: string;
  colour: string;
  /** A dashed line (e.g. a projection) rather than a filled swatch. */
  dashed?: boolean;
}

/** The legend, as a list of swatches and labels in the theme's text colour. */
export function ChartLegend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.key}>
          <span
            className={item.dashed ? 'swatch swatch-line swatch-dashed' : 'swatch'}
            style={item.dashed ? { borderColor: item.colour } : { background: item.colour }}
            aria-hidden="true"
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** Recharts' hover highlight, in the theme's colours. */
export const TOOLTIP_CURSOR = { fill: 'var(--chart-hover)', stroke: 'var(--chart-hover-line)' };
