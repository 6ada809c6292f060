/** What is wrong with a typed budget (amount or alert thresholds), in the words every budget form shows. */
import { parseUserAmount } from '../../shared/money';

/** A positive amount of dollars ("200", "1,250.50"), or why not: `what` names the budget ("project", "monthly"). */
export function budgetAmountProblem(text: string, what: string): string | null {
  if (!text.trim()) return `Enter the ${what} budget`;
  try {
    return parseUserAmount(text) > 0 ? null : `Enter the ${what} budget in dollars, such as 200`;
  } catch {
    return `Enter the ${what} budget in dollars, such as 200`;
  }
}

/** Alert thresholds as typed ("50, 80, 100"): the numbers, whatever they are (thresholdsProblem judges them). */
export const parseThresholds = (text: string): number[] => text.split(',').map((t) => Number(t.trim()));

/** Alert thresholds: whole percentages from 1 to 1000, separated by commas. */
export function thresholdsProblem(text: string): string | null {
  const list = parseThresholds(text);
  return !text.trim() || list.some((t) => !Number.isInteger(t) || t < 1 || t > 1000)
    ? 'Enter thresholds as whole percentages, such as 50, 80, 100.'
    : null;
}
