/** This month's cumulative spend, the projected path to month end, and the budget line. */
import { memo } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { compactMoney, money, preciseMoney } from '../format';
import { ChartTable } from './ChartTable';

export const MonthProgressChart = memo(function MonthProgressChart({ progress, currency }: { progress: DashboardView['monthProgress']; currency: string }) {
  const data = progress.points.map((p) => ({
    day: p.day,
    actual: p.actualMicros === null ? null : p.actualMicros / 1e6,
    projected: p.projectedMicros === null ? null : p.projectedMicros / 1e6,
  }));
  const budget = progress.budgetMicros === null ? null : progress.budgetMicros / 1e6;
  const max = Math.max(budget ?? 0, ...data.map((d) => Math.max(d.actual ?? 0, d.projected ?? 0)));
  return (
    <div className="chart-block">
      <div className="chart" role="img" aria-label="Cumulative spend this month against the budget" data-testid="month-chart">
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="grid" />
            <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} minTickGap={16} tick={{ fontSize: 12 }} />
            <YAxis domain={[0, Math.ceil(max * 1.05)]} tickFormatter={(v: number) => compactMoney(Math.round(v * 1e6), currency)} width={64} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value, name) => [value === null ? '—' : money(Math.round(Number(value) * 1e6), currency), name]} labelFormatter={(d) => `${formatDay(String(d))} (UTC)`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line type="monotone" dataKey="actual" name="Spent (cumulative)" stroke="#4f6bed" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            <Line type="monotone" dataKey="projected" name="Projected" stroke="#e8833a" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
            {budget !== null && <ReferenceLine y={budget} stroke="#d64545" strokeWidth={2} label={{ value: `Budget ${money(progress.budgetMicros!, currency)}`, position: 'insideTopLeft', fontSize: 12, fill: '#d64545' }} />}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption="Cumulative spend this month by UTC day"
        head={['Day (UTC)', 'Spent (cumulative)', 'Projected', 'Budget']}
        rows={progress.points.map((p) => ({
          key: p.day,
          cells: [
            p.day,
            p.actualMicros === null ? '—' : preciseMoney(p.actualMicros, currency),
            p.projectedMicros === null ? '—' : money(p.projectedMicros, currency),
            progress.budgetMicros === null ? '—' : money(progress.budgetMicros, currency),
          ],
        }))}
      />
    </div>
  );
});
