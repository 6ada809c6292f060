/**
 * The overrun sentence (src/shared/overrun.ts) as the budget card, the all-accounts budgets and the project
 * budgets show it: amber when close, red when over, with a word that says which, so colour is never alone.
 */
import { formatDay, type UtcDay } from '../../shared/dates';
import { overrunSentence, type Overrun } from '../../shared/overrun';
import { money } from '../lib/format';

const LABELS = { close: 'Close to budget:', over: 'Over budget:' } as const;

export function OverrunNote({
  overrun,
  currency,
  testId = 'overrun',
}: {
  overrun: Overrun | null;
  currency: string;
  testId?: string;
}) {
  const sentence = overrunSentence(
    overrun,
    (micros) => money(micros, currency),
    (day: UtcDay) => formatDay(day),
  );
  if (!overrun || overrun.level === 'under' || sentence === null) return null;
  return (
    <p className={`overrun overrun-${overrun.level}`} data-testid={testId} data-level={overrun.level}>
      <strong>{LABELS[overrun.level]}</strong> {sentence}
    </p>
  );
}

/** The meter's bounds for a level: past `high` is red, between `low` and `high` amber, below `low` green. */
export function meterBounds(level: Overrun['level'] | undefined): { low: number; high: number } {
  if (level === 'over') return { low: 0, high: 0 };
  if (level === 'close') return { low: 0, high: 100 };
  return { low: 80, high: 99 };
}
