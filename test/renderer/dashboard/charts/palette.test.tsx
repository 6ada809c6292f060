// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDITS_SERIES, OTHER_SERIES } from '../../../../src/shared/dimensions';
import {
  assignColours,
  CREDITS_COLOUR,
  hashKey,
  OTHER_COLOUR,
  PALETTE,
  PlainBar,
  seriesColour,
  stackedBarShape,
} from '../../../../src/renderer/dashboard/charts/palette';

/** Relative luminance and contrast ratio (WCAG 2.1). */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe('series colours', () => {
  const projects = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ key: `proj_${i}`, micros: (n - i) * 1_000_000 }));

  it('give 24 series shown together 24 different colours, from a palette of at least 20', () => {
    expect(PALETTE.length).toBeGreaterThanOrEqual(20);
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    const map = assignColours(projects(24));
    expect(new Set(projects(24).map((p) => map.of(p.key))).size).toBe(24);
    // With Other and Credits beside them, still no colour twice.
    const shown = [...projects(22), { key: OTHER_SERIES, micros: 5 }, { key: CREDITS_SERIES, micros: -9 }];
    const withFolds = assignColours(shown);
    expect(new Set(shown.map((p) => withFolds.of(p.key))).size).toBe(shown.length);
  });

  it('take the palette in rank order (largest first), so the same ranking gives the same colours on every reload', () => {
    const map = assignColours(projects(5));
    expect(projects(5).map((p) => map.of(p.key))).toEqual(PALETTE.slice(0, 5));
    const again = assignColours(projects(5));
    for (const p of projects(5)) expect(again.of(p.key)).toBe(map.of(p.key));
  });

  it('break ties of equal amounts by the key hash, not by the order they came in', () => {
    const tied = [
      { key: 'alpha', micros: 7 },
      { key: 'beta', micros: 7 },
      { key: 'gamma', micros: 7 },
    ];
    const forward = assignColours(tied);
    const reversed = assignColours([...tied].reverse());
    for (const t of tied) expect(reversed.of(t.key)).toBe(forward.of(t.key));
    const byHash = [...tied].sort((a, b) => hashKey(a.key) - hashKey(b.key));
    expect(byHash.map((t) => forward.of(t.key))).toEqual(PALETTE.slice(0, 3));
    expect(hashKey('')).toBe(0x811c9dc5);
    expect(hashKey('a')).toBe(0xe40c292c);
  });

  it('keep a key its first colour when it appears again (a view ranks the range, then this month)', () => {
    const map = assignColours([
      { key: 'web', micros: 10 },
      { key: 'api', micros: 5 },
      { key: 'api', micros: 50 },
      { key: 'batch', micros: 1 },
    ]);
    expect([map.of('web'), map.of('api'), map.of('batch')]).toEqual(PALETTE.slice(0, 3));
  });

  it('draw Other in neutral grey and Credits (and any negative key) in their own colour, neither in the palette', () => {
    const map = assignColours([
      { key: 'p', micros: 9 },
      { key: OTHER_SERIES, micros: 3 },
      { key: 'refunds', micros: -4 },
      { key: CREDITS_SERIES, micros: -4 },
    ]);
    expect(map.of(OTHER_SERIES)).toBe(OTHER_COLOUR);
    expect(map.of(CREDITS_SERIES)).toBe(CREDITS_COLOUR);
    expect(map.of('refunds')).toBe(CREDITS_COLOUR);
    expect(map.of('p')).toBe(PALETTE[0]);
    expect(PALETTE).not.toContain(OTHER_COLOUR);
    expect(PALETTE).not.toContain(CREDITS_COLOUR);
    expect(seriesColour(OTHER_SERIES)).toBe(OTHER_COLOUR);
    expect(assignColours([{ key: 'Other' }, { key: 'gpt-4o' }]).of('Other')).toBe(OTHER_COLOUR);
  });

  it('give 60 series shown together (every project listed) 60 different colours, all seen in both themes', () => {
    const many = projects(60);
    const map = assignColours(many);
    const colours = many.map((p) => map.of(p.key));
    expect(new Set(colours).size).toBe(60);
    expect(colours).not.toContain(OTHER_COLOUR);
    expect(colours).not.toContain(CREDITS_COLOUR);
    for (const colour of colours.slice(PALETTE.length)) {
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, '#1b1f29'), colour).toBeGreaterThanOrEqual(3);
    }
  });

  it('give two credits listed side by side two colours: the first green, the next a series colour', () => {
    const map = assignColours([
      { key: 'web', micros: 10 },
      { key: 'grant', micros: -250 },
      { key: 'refund', micros: -4 },
    ]);
    expect(map.of('grant')).toBe(CREDITS_COLOUR);
    expect(new Set(['web', 'grant', 'refund'].map((k) => map.of(k))).size).toBe(3);
  });

  it('are at least 3:1 against the light and the dark panel (a bar or swatch must be seen in both themes)', () => {
    for (const colour of [...PALETTE, CREDITS_COLOUR]) {
      expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, '#1b1f29'), colour).toBeGreaterThanOrEqual(3);
    }
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
