/**
 * How much of a budget is used, and what that means: the one rule for an account's or a project's budget, used
 * by the core's views (the dashboard, the tray), the budget alerts and the renderer (the demo's trial budget).
 */
import { percentOf, type Micros } from './money';

/** At this share of its budget (or with a forecast past it) an account is near its budget. */
export const BUDGET_NEAR_PERCENT = 80;

/** `near`: at 80% or more, or forecast to pass it; `over`: 100% or more. */
export type BudgetState = 'ok' | 'near' | 'over';
export const BUDGET_STATES = ['ok', 'near', 'over'] as const satisfies readonly BudgetState[];

export interface BudgetUsage {
  /** Percent used, one decimal ("80.2"), as the tray, the budget card and the alerts say it. */
  usedPercent: number;
  /** Percent used, whole ("80"), where a narrow control shows it (a project's row, the demo's trial budget). */
  wholePercent: number;
  state: BudgetState;
}

/** The usage of a budget from integers, each figure rounded once; `forecastMicros` makes a budget near sooner. */
export function budgetUsage(
  spentMicros: Micros,
  budgetMicros: Micros,
  forecastMicros: Micros | null = null,
): BudgetUsage {
  const usedPercent = percentOf(spentMicros, budgetMicros);
  const wholePercent = budgetMicros > 0 ? Math.round((spentMicros * 100) / budgetMicros) : 0;
  const state: BudgetState =
    usedPercent >= 100
      ? 'over'
      : usedPercent >= BUDGET_NEAR_PERCENT || (forecastMicros ?? 0) > budgetMicros
        ? 'near'
        : 'ok';
  return { usedPercent, wholePercent, state };
}
