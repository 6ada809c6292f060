import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayFromMs,
  dayFromUnix,
  dayRange,
  isUtcDay,
  lastDayOfMonth,
  msFromDay,
  unixFromDay,
} from '../../src/shared/dates';

const DAY = 86_400_000;

describe('UTC dates', () => {
  it('maps unix seconds to UTC days regardless of the local time zone', () => {
    expect(dayFromUnix(1_730_419_199)).toBe('2024-10-31'); // 23:59:59Z
    expect(dayFromUnix(1_730_419_200)).toBe('2024-11-01');
    expect(unixFromDay('2024-11-01')).toBe(1_730_419_200);
  });

  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addMonths('2026-01', -2)).toBe('2025-11');
    expect(addMonths('2026-11', 14)).toBe('2028-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2026-11')).toBe('2026-11-30');
    expect(dayRange('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('validates day keys', () => {
    expect(isUtcDay('2026-02-29')).toBe(false);
    expect(isUtcDay('2024-02-29')).toBe(true);
    expect(isUtcDay('2026-1-01')).toBe(false);
  });
});

describe('dayFromMs (arithmetic, not toISOString)', () => {
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  it('agrees with toISOString for any instant from year 0 to 9999, to the millisecond', () => {
    const [min, max] = [Date.UTC(0, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => dayFromMs(ms) === iso(ms)),
      { numRuns: 20_000 },
    );
  });

  it('agrees at the edges: leap days, century rules, midnight either side, before 1970', () => {
    for (const day of [
      '1600-02-29',
      '1700-02-28',
      '1900-03-01',
      '1969-12-31',
      '1970-01-01',
      '2000-02-29',
      '2024-02-29',
      '2100-02-28',
      '2100-03-01',
      '0000-01-01',
      '9999-12-31',
    ]) {
      const ms = Date.parse(`${day}T00:00:00Z`);
      expect([dayFromMs(ms), dayFromMs(ms - 1), dayFromMs(ms + DAY - 1)]).toEqual([day, iso(ms - 1), day]);
    }
  });

  it('agrees for fractional instants too, before 1970 included (Date truncates toward zero, not down)', () => {
    const day = (ms: number) => {
      try {
        return iso(ms);
      } catch {
        return 'RangeError';
      }
    };
    const ours = (ms: number) => {
      try {
        return dayFromMs(ms);
      } catch {
        return 'RangeError';
      }
    };
    for (const ms of [-0.5, -1e-9, -DAY - 0.5, Date.UTC(1900, 0, 1) - 0.25, 0.5, DAY - 0.5])
      expect(ours(ms), String(ms)).toBe(day(ms));
    fc.assert(
      fc.property(fc.double({ min: -8.7e15, max: 8.7e15 }), (ms) => ours(ms) === day(ms)),
      { numRuns: 20_000 },
    );
  });

  it('outside years 0–9999 and for non-numbers, gives exactly what toISOString gives (or throws as it does)', () => {
    for (const ms of [Date.UTC(-1, 11, 31), Date.UTC(10000, 0, 1), 8.64e15]) expect(dayFromMs(ms)).toBe(iso(ms));
    expect(() => dayFromMs(Number.NaN)).toThrow(RangeError);
    expect(() => dayFromMs(8.64e15 + 1)).toThrow(RangeError);
  });
});

describe('msFromDay (digits read in place)', () => {
  it('is midnight UTC of any day from 0100 to 9999, as Date.parse reads it', () => {
    const [min, max] = [Date.UTC(100, 0, 1), Date.UTC(9999, 11, 31)];
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        return msFromDay(day) === Date.parse(`${day}T00:00:00Z`);
      }),
      { numRuns: 10_000 },
    );
  });

  it('is NaN for anything that is not digits where digits belong, so such a "day" never passes as one', () => {
    for (const bad of ['2024-1a-01', '2024-01-0 ', 'abcd-ef-gh', '2024-01', '']) expect(msFromDay(bad)).toBeNaN();
    expect(isUtcDay('2024-1a-01')).toBe(false);
    expect(isUtcDay('2024-02-30')).toBe(false);
  });
});
