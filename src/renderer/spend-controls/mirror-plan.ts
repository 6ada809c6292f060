/** Mirroring a Spendwatch budget to OpenAI: what is sent, in whole cents (zod-free: the dashboard shows it). */
import type { Budget } from '../../shared/domain';

export interface MirrorPlan {
  limitCents: number | null;
  alertCents: number[];
  recipients: string[];
  /** The consequence, stated before anything is sent. */
  text: string;
}

/** The budget in whole cents (OpenAI only takes cents), or null when it is not a whole number of them. */
export const budgetCents = (budget: Budget): number | null =>
  budget.monthlyMicros % 10_000 === 0 ? budget.monthlyMicros / 10_000 : null;

/** Each threshold's amount, rounded down to a whole cent (OpenAI only takes cents): shown before sending. */
export function mirrorAlertCents(budget: Budget): number[] {
  const cents = budgetCents(budget);
  return cents === null ? [] : budget.thresholds.map((t) => Math.floor((cents * t) / 100)).filter((c) => c > 0);
}
