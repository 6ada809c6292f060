/**
 * The overrun sentence (src/shared/overrun.ts) as the budget card, the all-accounts budgets and the project
 * budgets show it: amber when close, red when over, with a word that says which, so colour is never alone.
 */
import { formatDay, type UtcDay } from '../../shared/dates';
import { forecastBudgetNote, overrunSentence, type Overrun } from '../../shared/overrun';
import { money } from '../lib/format';

const LABELS = { close: 'Close to budget:', over: 'Over budget:' } as const;

export function OverrunNote({
  overrun,
  currency,
  testId = 'overrun',
  short = false,
}: {
  overrun: Overrun | null;
  currency: string;
  testId?: string;
  /** The short form ("$2,144.02 over the $18,000.00 budget"), where the card has little room. */
  short?: boolean;
}) {
  const shown = (micros: number) => money(micros, currency);
  const sentence = short
    ? forecastBudgetNote(overrun, shown)
    : overrunSentence(overrun, shown, (day: UtcDay) => formatDay(day));
  if (!overrun || overrun.level === 'under' || sentence === null) return null;
  return (
    <p className={`overrun overrun-${overrun.level}`} data-testid={testId} data-level={overrun.level}>
      <strong>{LABELS[overrun.level]}</strong> {sentence}
    </p>
  );
}

/**
 * The meter's bounds for a level (its optimum is 0): below `low` is green, `low` to `high` amber, past `high` red.
 * The browser draws red only when the optimum is below `low`, hence a `low` just above 0 rather than 0 itself.
 */
export function meterBounds(level: Overrun['level'] | undefined): { low: number; high: number } {
  if (level === 'over') return { low: 0.01, high: 0.01 };
  if (level === 'close') return { low: 0.01, high: 100 };
  return { low: 80, high: 99 };
}
