/** The dashboard's ranges, as inclusive UTC day spans ending today. */
import { addDays, addMonths, firstDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { DashboardRange } from '../../../shared/domain';

export function rangeDays(range: DashboardRange, today: UtcDay): { from: UtcDay; to: UtcDay } {
  switch (range) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'mtd':
      return { from: firstDayOfMonth(monthOf(today)), to: today };
    case '3m':
      return { from: firstDayOfMonth(addMonths(monthOf(today), -2)), to: today };
    case '12m':
      return { from: firstDayOfMonth(addMonths(monthOf(today), -11)), to: today };
  }
}
