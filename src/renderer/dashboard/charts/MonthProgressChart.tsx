/** This month's cumulative spend, the projected path to month end, and the budget line. */
import { memo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DashboardView } from '../../../shared/domain';
import { formatDay } from '../../../shared/dates';
import { exactTitle, money, moneyAxis, tooltipMoney } from '../../lib/format';
import { ChartLegend, ChartTooltipBox, TOOLTIP_CURSOR, type TooltipContentProps } from './ChartParts';
import { ChartTable } from './ChartTable';

// Fixed meanings, themed in styles.css (each ≥ 3:1 against the panel in both themes).
const ACTUAL = 'var(--chart-actual)';
const PROJECTED = 'var(--chart-projected)';
const BUDGET = 'var(--chart-budget)';

export const MonthProgressChart = memo(function MonthProgressChart({
  progress,
  currency,
}: {
  progress: DashboardView['monthProgress'];
  currency: string;
}) {
  const data = progress.points.map((p) => ({
    day: p.day,
    actual: p.actualMicros === null ? null : p.actualMicros / 1e6,
    projected: p.projectedMicros === null ? null : p.projectedMicros / 1e6,
  }));
  const maxMicros = Math.max(
    progress.budgetMicros ?? 0,
    ...progress.points.map((p) => Math.max(p.actualMicros ?? 0, p.projectedMicros ?? 0)),
  );
  const axis = moneyAxis(maxMicros, currency);
  if (maxMicros === 0) return <p className="empty">No spend this month yet.</p>;
  const renderTooltip = ({ active, label }: TooltipContentProps) => {
    if (!active || typeof label !== 'string') return null;
    const point = progress.points.find((p) => p.day === label);
    if (!point) return null;
    const row = (key: string, name: string, colour: string, micros: number | null) =>
      micros === null
        ? []
        : [{ key, name, colour, value: tooltipMoney(micros, currency), title: exactTitle(micros, currency) }];
    return (
      <ChartTooltipBox
        heading={`${formatDay(label)} (UTC)`}
        rows={[
          ...row('actual', 'Spent (cumulative)', ACTUAL, point.actualMicros),
          ...row('projected', 'Projected', PROJECTED, point.projectedMicros),
          ...row('budget', 'Budget', BUDGET, progress.budgetMicros),
        ]}
      />
    );
  };
  return (
    <div className="chart-block">
      <div
        className="chart"
        role="img"
        aria-label="Cumulative spend this month against the budget"
        data-testid="month-chart"
      >
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="grid" />
            <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} minTickGap={16} tick={{ fontSize: 12 }} />
            <YAxis
              ticks={axis.ticks}
              domain={axis.domain}
              tickFormatter={axis.format}
              width={72}
              tick={{ fontSize: 12 }}
            />
            <Tooltip content={renderTooltip} cursor={TOOLTIP_CURSOR} isAnimationActive={false} />
            <Line
              type="monotone"
              dataKey="actual"
              name="Spent (cumulative)"
              stroke={ACTUAL}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Line
              type="monotone"
              dataKey="projected"
              name="Projected"
              stroke={PROJECTED}
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            {progress.budgetMicros !== null && (
              <ReferenceLine
                y={progress.budgetMicros / 1e6}
                stroke={BUDGET}
                strokeWidth={2}
                className="budget-line"
                label={{
                  value: `Budget ${money(progress.budgetMicros, currency)}`,
                  position: 'insideTopLeft',
                  fontSize: 12,
                  className: 'budget-label',
                }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        label="Lines"
        items={[
          { key: 'actual', label: 'Spent (cumulative)', colour: ACTUAL },
          { key: 'projected', label: 'Projected', colour: PROJECTED, dashed: true },
          ...(progress.budgetMicros !== null
            ? [{ key: 'budget', label: `Budget ${money(progress.budgetMicros, currency)}`, colour: BUDGET }]
            : []),
        ]}
      />
      <ChartTable
        caption="Cumulative spend this month by UTC day"
        head={['Day (UTC)', 'Spent (cumulative)', 'Projected', 'Budget']}
        rows={() =>
          progress.points.map((p) => ({
            key: p.day,
            cells: [
              p.day,
              p.actualMicros === null ? (
                '—'
              ) : (
                <span key="a" title={exactTitle(p.actualMicros, currency)}>
                  {money(p.actualMicros, currency)}
                </span>
              ),
              p.projectedMicros === null ? '—' : money(p.projectedMicros, currency),
              progress.budgetMicros === null ? '—' : money(progress.budgetMicros, currency),
            ],
          }))
        }
      />
    </div>
  );
});
