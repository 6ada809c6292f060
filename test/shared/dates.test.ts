import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayFromUnix, dayRange, daysInMonth, isUtcDay, lastDayOfMonth, unixFromDay } from '../../src/shared/dates';

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
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(lastDayOfMonth('2026-11')).toBe('2026-11-30');
    expect(dayRange('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('validates day keys', () => {
    expect(isUtcDay('2026-02-29')).toBe(false);
    expect(isUtcDay('2024-02-29')).toBe(true);
    expect(isUtcDay('2026-1-01')).toBe(false);
  });
});
