/** Tokens or requests by model per UTC day, from OpenAI's Usage API. */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '../../shared/domain';
import { formatDay } from '../../shared/dates';
import { ChartTable } from './ChartTable';
import { PALETTE } from './palette';

const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat();

export function UsageChart({ usage }: { usage: DashboardView['usage'] }) {
  const [metric, setMetric] = useState<'tokens' | 'requests'>('tokens');
  if (usage.models.length === 0) return <p className="empty">No usage data in this range.</p>;
  const data = usage.points.map((p) => ({ day: p.day, ...p[metric] }));
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
      <div className="chart" role="img" aria-label={`Daily ${metric} by model`} data-testid="usage-chart">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="grid" />
            <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} minTickGap={16} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v: number) => count.format(v)} width={56} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value, name) => [exact.format(Number(value)), name]} labelFormatter={(d) => `${formatDay(String(d))} (UTC)`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {usage.models.map((m, i) => (
              <Bar key={m} dataKey={m} stackId="usage" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={`Daily ${metric} by model`}
        head={['Day (UTC)', ...usage.models]}
        rows={usage.points.map((p) => ({ key: p.day, cells: [p.day, ...usage.models.map((m) => exact.format(p[metric][m] ?? 0))] }))}
      />
    </div>
  );
}
