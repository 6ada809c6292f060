/**
 * Spend as stacked bars (recharts), a bar a UTC day or (12 months) a UTC month with its total under it, with its
 * legend, a table as its text alternative, and every item in the range. Series come in the one stack order core
 * derives (largest first, Other, Credits) and take the view's colours.
 */
import { memo, useMemo, useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries, GroupBy, NamedAmount } from '../../../shared/domain';
import { CREDITS_SERIES, DIMENSION_IDS, DIMENSIONS, OTHER_SERIES } from '../../../shared/dimensions';
import { exactTitle, money, moneyAxis, shareText, tooltipMoney } from '../../lib/format';
import { SimpleTable } from '../../lib/ui/SimpleTable';
import { ChartLegend, ChartTooltipBox, TOOLTIP_CURSOR, type TooltipContentProps } from './ChartParts';
import { ChartTable } from './ChartTable';
import { noNegativePart, partOf } from './chart-rows';
import { chartRows, chartSeries, stackedChart } from './stacked-chart';
import type { GroupNoun } from '../../lib/provider-words';
import { BARS_UP_TO_DAYS, type ColourMap, tickInterval } from './palette';
import { bucketWords } from './buckets';

const NOUNS = Object.fromEntries(DIMENSION_IDS.map((id) => [id, DIMENSIONS[id].nouns])) as Record<
  GroupBy,
  [string, string]
>;
/** Anthropic says "workspace": the project words follow the accounts shown. */
const nounsWith = (noun?: GroupNoun): Record<GroupBy, [string, string]> =>
  noun ? { ...NOUNS, project: [noun.singular, noun.plural] } : NOUNS;

/** "Other (3 projects)": how many items the chart folded together, counted from the range's full breakdown. */
function otherLabel(
  groupBy: GroupBy,
  shownKeys: readonly string[],
  all: readonly NamedAmount[],
  nouns: Record<GroupBy, [string, string]> = NOUNS,
): string {
  const shown = new Set(shownKeys);
  // Credits (negative totals) are never in Other: they are a series of their own.
  const folded = all.filter((a) => !shown.has(a.key) && a.micros > 0).length;
  const [one, many] = nouns[groupBy];
  return folded > 0 ? `Other (${folded} ${folded === 1 ? one : many})` : 'Other';
}

export const DailySpendChart = memo(function DailySpendChart({
  daily,
  currency,
  groupBy,
  all,
  groupNoun,
  colours,
}: {
  daily: DailySeries;
  currency: string;
  groupBy: GroupBy;
  all: NamedAmount[];
  groupNoun?: GroupNoun;
  /** The view's colours for what the chart stacks by (shared with its tables). */
  colours: ColourMap;
}) {
  const [nounOne, nounMany] = [groupNoun?.singular, groupNoun?.plural];
  const NOUN = useMemo(
    () => nounsWith(nounOne && nounMany ? { singular: nounOne, plural: nounMany } : undefined),
    [nounOne, nounMany],
  );
  const [showAll, setShowAll] = useState(false);
  // recharts needs plain numbers for bar heights; labels and tooltips format the exact micros of daily.points.
  const data = useMemo(
    () =>
      chartRows(
        daily.points,
        daily.series.map((s) => s.key),
        (p) => p.values,
        (p) => p.totalMicros,
        1e6,
      ),
    [daily],
  );
  const series = useMemo(() => {
    const shownKeys = daily.series.map((s) => s.key).filter((k) => k !== OTHER_SERIES && k !== CREDITS_SERIES);
    return chartSeries(
      daily.series.map((s) => ({
        ...s,
        label: s.key === OTHER_SERIES ? otherLabel(groupBy, shownKeys, all, NOUN) : s.label,
        colour: colours.of(s.key),
      })),
    );
  }, [daily, groupBy, all, NOUN, colours]);
  // Credits and refunds can make a part negative: then parts stack up from the axis and down from it, and the axis
  // spans both.
  const { negativeParts, axis } = useMemo(() => {
    const keys = daily.series.map((s) => s.key);
    if (
      noNegativePart(
        daily.points.map((p) => p.values),
        keys,
      )
    )
      return { negativeParts: false, axis: moneyAxis(Math.max(...daily.points.map((p) => p.totalMicros)), currency) };
    const ends = daily.points.map((p) => keys.map((key) => partOf(p.values, key)));
    const sumOf = (parts: number[], sign: 1 | -1) =>
      parts.reduce((sum, part) => sum + (Math.sign(part) === sign ? part : 0), 0);
    return {
      negativeParts: true,
      axis: moneyAxis(
        Math.max(...ends.map((parts) => sumOf(parts, 1))),
        currency,
        5,
        Math.min(...ends.map((parts) => sumOf(parts, -1))),
      ),
    };
  }, [daily, currency]);
  const hasData = daily.points.some((p) => p.totalMicros !== 0);
  if (!hasData) return <p className="empty">No spend in this range.</p>;
  const words = bucketWords(daily.bucket, daily.points.at(-1)?.day, daily.points[0]?.day);
  const heading = words.heading;
  const renderTooltip = ({ active, label }: TooltipContentProps) => {
    if (!active || typeof label !== 'string') return null;
    const point = daily.points.find((p) => p.day === label);
    if (!point) return null;
    return (
      <ChartTooltipBox
        heading={
          <>
            {heading(label)} — total {tooltipMoney(point.totalMicros, currency)}
          </>
        }
        rows={[...series]
          .reverse()
          .filter((s) => partOf(point.values, s.key) !== 0)
          .map((s) => ({
            key: s.key,
            name: s.label,
            colour: s.colour,
            value: tooltipMoney(partOf(point.values, s.key), currency),
            title: exactTitle(partOf(point.values, s.key), currency),
          }))}
      />
    );
  };
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} className="grid" />,
    words.monthly ? (
      // A month's bar carries its total under its name, as a bill does.
      <XAxis
        key="x"
        dataKey="day"
        interval={0}
        height={54}
        tick={(props: unknown) => (
          <MonthTick {...(props as MonthTickProps)} label={words.tick} total={(day) => totalOf(daily, day, currency)} />
        )}
      />
    ) : (
      <XAxis
        key="x"
        dataKey="day"
        tickFormatter={words.tick}
        interval={tickInterval(data.length)}
        tick={{ fontSize: 12 }}
      />
    ),
    <YAxis
      key="y"
      ticks={axis.ticks}
      domain={axis.domain}
      tickFormatter={axis.format}
      width={72}
      tick={{ fontSize: 12 }}
    />,
    <Tooltip key="tooltip" content={renderTooltip} cursor={TOOLTIP_CURSOR} isAnimationActive={false} />,
  ];
  const rangeTotal = all.reduce((sum, a) => sum + a.micros, 0);
  const [, many] = NOUN[groupBy];

  return (
    <div className="chart-block">
      <div className="chart" role="img" aria-label={`${words.adjective} spend chart`} data-testid="daily-chart">
        <ResponsiveContainer width="100%" height={320}>
          {stackedChart({ data, series, negativeParts, barsUpTo: BARS_UP_TO_DAYS, stackId: 'spend', axes })}
        </ResponsiveContainer>
      </div>
      <ChartLegend label="Series" items={series.map((s) => ({ key: s.key, label: s.label, colour: s.colour }))} />
      <div className="chart-actions">
        {series.some((s) => s.key === OTHER_SERIES) && (
          <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
            {showAll ? `Hide all ${many}` : `Show all ${all.length} ${many}`}
          </button>
        )}
        <ChartTable
          caption={words.monthly ? 'Monthly spend by UTC month' : 'Daily spend by UTC day'}
          head={[words.column, ...series.map((s) => s.label), 'Total']}
          rows={() =>
            daily.points.map((p) => ({
              key: p.day,
              cells: [
                words.cell(p.day),
                ...series.map((s) => (
                  <span key={s.key} title={exactTitle(partOf(p.values, s.key), currency)}>
                    {money(partOf(p.values, s.key), currency)}
                  </span>
                )),
                <span key="total" title={exactTitle(p.totalMicros, currency)}>
                  {money(p.totalMicros, currency)}
                </span>,
              ],
            }))
          }
        />
      </div>
      {showAll && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Every ${NOUN[groupBy][0]} in this range`}>
          <SimpleTable
            caption={`Every ${NOUN[groupBy][0]} in this range`}
            head={[NOUN[groupBy][0][0].toUpperCase() + NOUN[groupBy][0].slice(1), 'Amount', 'Share']}
            rows={all.map((a) => ({
              key: a.key,
              cells: [
                <span key="name" className="name-with-swatch">
                  <span className="swatch" style={{ background: colours.of(a.key) }} aria-hidden="true" />
                  {a.name}
                </span>,
                <span key="amount" title={exactTitle(a.micros, currency)}>
                  {money(a.micros, currency)}
                </span>,
                shareText(a.micros, rangeTotal),
              ],
            }))}
          />
        </div>
      )}
    </div>
  );
});

interface MonthTickProps {
  x: number;
  y: number;
  payload: { value: string };
  index?: number;
  /** The axis' width and how many ticks share it (recharts passes both). */
  width?: number;
  visibleTicksCount?: number;
}

/** Below this many pixels a month, "$20,144.02" would touch its neighbours: alternate totals go a line lower. */
const TOTAL_FITS_PX = 84;

/**
 * A month's name and, under it, its total by the one money rule (the exact figure is in the tooltip and the table).
 * Where the months are narrow, every other total sits a line lower so no two touch.
 */
function MonthTick({
  x,
  y,
  payload,
  index = 0,
  width = 0,
  visibleTicksCount = 12,
  label,
  total,
}: MonthTickProps & { label: (day: string) => string; total: (day: string) => string }) {
  const narrow = width / Math.max(1, visibleTicksCount) < TOTAL_FITS_PX;
  return (
    <text x={x} y={y + 12} textAnchor="middle" fontSize={11}>
      <tspan x={x}>{label(payload.value)}</tspan>
      <tspan x={x} dy={narrow && index % 2 === 1 ? 28 : 14} className="month-total">
        {total(payload.value)}
      </tspan>
    </text>
  );
}

const totalOf = (daily: DailySeries, day: string, currency: string): string => {
  const point = daily.points.find((p) => p.day === day);
  return point ? money(point.totalMicros, currency) : '';
};
