/**
 * Whether a month is on pace to overrun its budget, and the sentence that says so: the one rule for the budget
 * card, the forecast card, the tray and the project budgets. From integers only (month to date, the month-end
 * forecast, the budget) and the UTC day; the caller formats the figures with its own money rule.
 *
 * Levels (the thresholds are ours, documented in docs/user/budgets-and-alerts.md):
 * - `under`: the forecast is below 90% of the budget. Nothing to say.
 * - `close` (amber): the forecast is at 90% of the budget or more, up to and including the budget itself.
 * - `over` (red): the forecast passes the budget, or the month to date already has.
 */
import { addDays, daysBetween, lastDayOfMonth, monthOf, type UtcDay } from './dates';
import type { Micros } from './money';

/** At this share of the budget a forecast is close to it (amber). */
const OVERRUN_CLOSE_PERCENT = 90;

type OverrunLevel = 'under' | 'close' | 'over';

export interface Overrun {
  level: OverrunLevel;
  budgetMicros: Micros;
  /** The month-end total on the forecast's pace (never less than what is already spent). */
  projectedMicros: Micros;
  /** How far the projected total passes the budget (0 unless `over`). */
  overMicros: Micros;
  /** How far the month to date already passes the budget (0 unless crossed). */
  alreadyOverMicros: Micros;
  /**
   * The UTC day the cumulative spend crosses the budget: a day ahead (linear on the forecast's pace), the day it
   * was crossed when the caller knows it, `'already'` when crossed on an unknown day, null when it does not cross.
   */
  crossesOn: UtcDay | 'already' | null;
}

export interface OverrunInput {
  spentMicros: Micros;
  forecastMicros: Micros | null;
  budgetMicros: Micros | null;
  today: UtcDay;
  /** The day the month to date reached the budget, if known (see `crossedOnFrom`). */
  crossedOn?: UtcDay | null;
}

/** The overrun state of a month, or null without a budget. */
export function overrunOf(input: OverrunInput): Overrun | null {
  const { spentMicros: spent, budgetMicros: budget, today } = input;
  if (budget === null || budget <= 0) return null;
  const projected = Math.max(spent, input.forecastMicros ?? spent);
  const crossed = spent > budget;
  const level: OverrunLevel =
    crossed || projected > budget
      ? 'over'
      : BigInt(projected) * 100n >= BigInt(budget) * BigInt(OVERRUN_CLOSE_PERCENT)
        ? 'close'
        : 'under';
  return {
    level,
    budgetMicros: budget,
    projectedMicros: projected,
    overMicros: level === 'over' ? projected - budget : 0,
    alreadyOverMicros: crossed ? spent - budget : 0,
    crossesOn: crossed
      ? (input.crossedOn ?? 'already')
      : projected > budget
        ? crossingDay(spent, projected, budget, today)
        : null,
  };
}

/**
 * The day ahead on which spend crosses the budget: what is left to spend (projected − spent) spread evenly over
 * the days left, today included (today is still running), counted in BigInt so large figures stay exact.
 * Requires spent ≤ budget < projected.
 */
function crossingDay(spent: Micros, projected: Micros, budget: Micros, today: UtcDay): UtcDay {
  const daysLeft = BigInt(daysBetween(today, lastDayOfMonth(monthOf(today))) + 1);
  const needed = BigInt(budget - spent);
  const remaining = BigInt(projected - spent);
  // The first day k (0 = today) whose end-of-day total, spent + remaining × (k + 1) / daysLeft, passes the budget.
  const k = (needed * daysLeft) / remaining; // floor((needed × daysLeft) / remaining): the day the total passes it
  return addDays(today, Number(k < daysLeft ? k : daysLeft - 1n));
}

/** The first day whose cumulative spend (the dashboard's month progress) passes the budget, if any. */
export function crossedOnFrom(
  points: readonly { day: UtcDay; actualMicros: Micros | null }[],
  budgetMicros: Micros,
): UtcDay | null {
  return points.find((p) => p.actualMicros !== null && p.actualMicros > budgetMicros)?.day ?? null;
}

/**
 * The sentence, or null when there is nothing to say (`under`). `money` and `day` are the caller's formatters.
 * "On pace for $20,144.02 — $2,144.02 over, crosses the budget around Dec 28".
 */
export function overrunSentence(
  overrun: Overrun | null,
  money: (micros: Micros) => string,
  day: (day: UtcDay) => string,
): string | null {
  if (!overrun || overrun.level === 'under') return null;
  const pace = `On pace for ${money(overrun.projectedMicros)}`;
  if (overrun.level === 'close') {
    const left = overrun.budgetMicros - overrun.projectedMicros;
    return left === 0 ? `${pace} — exactly the budget` : `${pace} — ${money(left)} under the budget, close to it`;
  }
  if (overrun.alreadyOverMicros > 0) {
    const since =
      overrun.crossesOn && overrun.crossesOn !== 'already' ? ` since ${day(overrun.crossesOn)}` : ' already';
    return `${money(overrun.alreadyOverMicros)} over budget${since} — on pace for ${money(overrun.projectedMicros)}`;
  }
  const around =
    overrun.crossesOn && overrun.crossesOn !== 'already' ? `, crosses the budget around ${day(overrun.crossesOn)}` : '';
  return `${pace} — ${money(overrun.overMicros)} over${around}`;
}

/**
 * The forecast card's short line beside the figure, or null when there is nothing to say (`under`):
 * "$2,144.02 over the $18,000.00 budget", "94% of the $18,000.00 budget".
 */
export function forecastBudgetNote(overrun: Overrun | null, money: (micros: Micros) => string): string | null {
  if (!overrun || overrun.level === 'under') return null;
  if (overrun.level === 'over') return `${money(overrun.overMicros)} over the ${money(overrun.budgetMicros)} budget`;
  const percent = Number((BigInt(overrun.projectedMicros) * 100n) / BigInt(overrun.budgetMicros));
  return `${percent}% of the ${money(overrun.budgetMicros)} budget`;
}
