// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  hashKey,
  OTHER_COLOUR,
  PALETTE,
  PlainBar,
  seriesColour,
  seriesColours,
  stackedBarShape,
} from '../../../../src/renderer/dashboard/charts/palette';

const MODELS = [
  'gpt-4o-2024-08-06',
  'gpt-4o-mini-2024-07-18',
  'o3-mini-2025-01-31',
  'whisper-1',
  'text-embedding-3-small',
];

describe('series colours', () => {
  it('come from the key, not the position: the same key keeps its colour whatever comes before it', () => {
    const forward = seriesColours(MODELS);
    const reversed = seriesColours([...MODELS].reverse());
    for (const m of MODELS) expect(reversed.get(m)).toBe(forward.get(m));
    // Ranked differently in another chart (e.g. usage by tokens, not by cost): still the same colours.
    const reranked = seriesColours([MODELS[3], MODELS[0], MODELS[4], MODELS[2], MODELS[1]]);
    for (const m of MODELS) expect(reranked.get(m)).toBe(forward.get(m));
  });

  it('are the same after a reload: a fixed hash (FNV-1a), no randomness, no state', () => {
    expect(hashKey('')).toBe(0x811c9dc5);
    expect(hashKey('a')).toBe(0xe40c292c);
    expect(seriesColour('gpt-4o-2024-08-06')).toBe(PALETTE[hashKey('gpt-4o-2024-08-06') % PALETTE.length]);
    expect(seriesColour('proj_web')).toBe(seriesColour('proj_web'));
  });

  it('never give two series in one chart the same colour, up to the size of the palette', () => {
    const keys = Array.from({ length: PALETTE.length }, (_, i) => `proj_${i}`);
    expect(new Set(seriesColours(keys).values()).size).toBe(PALETTE.length);
  });

  it('fold "Other" into a neutral grey, never a series colour', () => {
    expect(seriesColour('__other__')).toBe(OTHER_COLOUR);
    expect(seriesColours(['Other', 'gpt-4o']).get('Other')).toBe(OTHER_COLOUR);
    expect(PALETTE).not.toContain(OTHER_COLOUR);
  });
});

describe('stacked bar shape (a day drawn by one recharts bar)', () => {
  type Row = Record<string, number>;
  const series = ['a', 'b', 'c'].map((key, i) => ({ key, colour: PALETTE[i], value: (row: Row) => row[key] ?? 0 }));
  // recharts hands the shape the bar's own value (the day's total) with its pixels.
  const draw = (payload: Row, height = 100, value = Object.values(payload).reduce((a, b) => a + b, 0)) => {
    const { container } = render(
      <svg>{stackedBarShape(series)({ x: 10, y: 50, width: 8, height, value, payload })}</svg>,
    );
    return [...container.querySelectorAll('rect')].map((r) => ({
      fill: r.getAttribute('fill'),
      y: Number(r.getAttribute('y')),
      height: Number(r.getAttribute('height')),
    }));
  };
  afterEach(cleanup);

  it('splits the bar by each part, bottom-up in series order, filling exactly the bar', () => {
    const rects = draw({ a: 1, b: 3, c: 0 });
    expect(rects.map((r) => r.fill)).toEqual([PALETTE[0], PALETTE[1]]); // a zero part draws nothing
    expect(rects[0]).toMatchObject({ y: 125, height: 25 }); // a at the bottom: 1/4 of 100 px above y+height=150
    expect(rects[1]).toMatchObject({ y: 50, height: 75 });
    expect(rects.reduce((sum, r) => sum + r.height, 0)).toBeCloseTo(100, 9);
  });

  it('draws each part at its own height on the axis, even when the parts do not add up to the bar', () => {
    // A $4 day whose parts read $1 + $1 (a series that did not reach the chart): 25 px per dollar, not 50.
    const rects = draw({ a: 1, b: 1 }, 100, 4);
    expect(rects).toEqual([
      { fill: PALETTE[0], y: 125, height: 25 },
      { fill: PALETTE[1], y: 100, height: 25 },
    ]);
  });

  it('draws nothing for an empty day or a bar without height', () => {
    expect(draw({ a: 0, b: 0, c: 0 })).toEqual([]);
    expect(draw({ a: 1 }, 0)).toEqual([]);
  });
});

describe('plain bar (one series of a stack that has a credit)', () => {
  afterEach(cleanup);
  const rect = (props: Record<string, number>) =>
    render(<svg>{PlainBar({ x: 10, width: 8, fill: '#123456', ...props })}</svg>).container.querySelector('rect');

  it('draws a positive part from its top down', () => {
    const r = rect({ y: 40, height: 60 })!;
    expect([r.getAttribute('y'), r.getAttribute('height')]).toEqual(['40', '60']);
  });

  it('draws a negative part (recharts gives it a negative height) below the axis, upright', () => {
    const r = rect({ y: 100, height: -20 })!;
    expect([r.getAttribute('y'), r.getAttribute('height')]).toEqual(['80', '20']);
  });

  it('draws nothing for a zero or broken height', () => {
    expect(rect({ y: 100, height: 0 })).toBeNull();
    expect(rect({ y: 100, height: Number.NaN })).toBeNull();
  });
});
