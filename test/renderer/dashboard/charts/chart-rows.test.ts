import { describe, expect, it } from 'vitest';
import { noNegativePart, partOf } from '../../../../src/renderer/dashboard/charts/chart-rows';

describe('chart rows', () => {
  it('read a series by own key only: inherited names read 0, odd names read their value', () => {
    const values = JSON.parse('{"day": 5, "__proto__": 7}') as Record<string, number>;
    expect(partOf(values, 'day')).toBe(5);
    expect(partOf(values, '__proto__')).toBe(7);
    expect(partOf(values, 'constructor')).toBe(0);
    expect(partOf(values, 'toString')).toBe(0);
    expect(partOf(values, 'missing')).toBe(0);
  });

  it('say whether a stack can be drawn as one shape: no negative part among the shown series', () => {
    expect(noNegativePart([{ a: 1, b: 0 }, { a: 2 }], ['a', 'b'])).toBe(true);
    expect(noNegativePart([{ a: 1, b: -0.01 }], ['a', 'b'])).toBe(false);
    expect(noNegativePart([{ a: 1, hidden: -5 }], ['a'])).toBe(true); // only the series the chart stacks count
    expect(noNegativePart([], ['a'])).toBe(true);
  });
});
