// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { Area, AreaChart, XAxis, YAxis } from 'recharts';
import { afterEach, describe, expect, it } from 'vitest';
import { bandPath, StackedAreaLayers } from '../../../../src/renderer/dashboard/charts/StackedAreaLayers';

type Row = { day: string; total: number; parts: Record<string, number> };
const rows: Row[] = [
  { day: '2026-11-02', total: 30, parts: { a: 10, b: 20 } },
  { day: '2026-11-09', total: 60, parts: { a: 40, b: 20 } },
  { day: '2026-11-16', total: 0, parts: {} },
];
const series = ['a', 'b'].map((key, i) => ({
  key,
  colour: ['#111111', '#222222'][i],
  value: (row: Row) => row.parts[key] ?? 0,
}));

/** The points of a band path: its upper edge left to right, then its lower edge right to left. */
const points = (d: string) =>
  d
    .slice(1, -1)
    .split('L')
    .map((p) => p.split(',').map(Number));
const expectClose = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 9));
};

describe('stacked area layers', () => {
  afterEach(cleanup);

  it('writes a band as its upper edge forward and its lower edge back, closed', () => {
    expect(bandPath([0, 10], [5, 6], [9, 9])).toBe('M0,5L10,6L10,9L0,9Z');
  });

  it('stacks each series on the one before, from the chart’s own scales, up to the day’s total', () => {
    const { container } = render(
      <AreaChart width={400} height={200} data={rows} margin={{ top: 0, right: 0, bottom: 0, left: 0 }}>
        <XAxis dataKey="day" hide />
        <YAxis domain={[0, 60]} hide />
        <Area dataKey="total" stroke="none" fill="none" isAnimationActive={false} />
        <StackedAreaLayers rows={rows} series={series} />
      </AreaChart>,
    );
    const paths = [...container.querySelectorAll('path.stacked-area')];
    expect(paths.map((p) => p.getAttribute('fill'))).toEqual(['#111111', '#222222']);
    const [a, b] = paths.map((p) => points(p.getAttribute('d')!));
    const yOf = (value: number) => 200 - (value / 60) * 200; // the y axis: 0 at the bottom (200 px), 60 at the top
    // a: from the axis up to its own values; b: from a's top up to the totals.
    expectClose(
      a.slice(0, 3).map(([, y]) => y),
      [yOf(10), yOf(40), yOf(0)],
    );
    expectClose(
      a.slice(3).map(([, y]) => y),
      [yOf(0), yOf(0), yOf(0)],
    );
    expectClose(
      b.slice(0, 3).map(([, y]) => y),
      [yOf(30), yOf(60), yOf(0)],
    );
    expectClose(
      b.slice(3).map(([, y]) => y),
      [yOf(0), yOf(40), yOf(10)],
    );
    // Left to right across the chart, one x per day, the same for both bands.
    expect(a.slice(0, 3).map(([x]) => x)).toEqual(b.slice(0, 3).map(([x]) => x));
    expect(a[0][0]).toBeLessThan(a[1][0]);
  });
});
