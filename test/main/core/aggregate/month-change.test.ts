/** A month against the one before over the accounts whose history covers it: "new" only when none does. */
import { describe, expect, it } from 'vitest';
import type { HistoryView } from '../../../../src/main/core/aggregate/aggregations';
import { monthChange } from '../../../../src/main/core/aggregate/month-change';
import { AccountHistory } from '../../../../src/main/core/history/account-history';
import type { CostRow } from '../../../../src/main/core/history/types';
import { dayRange } from '../../../../src/shared/dates';
import { costRow } from '../../../support/cost-row';

/** $1 a day from `from` to 2026-11-21 (today). */
function account(name: string, from: string, micros = 1_000_000): { name: string; view: HistoryView } {
  const days = new Map<string, CostRow[]>(dayRange(from, '2026-11-21').map((d) => [d, [costRow('p', 'x', micros)]]));
  const history = new AccountHistory();
  history.replaceCosts(days);
  return { name, view: { history, projectNames: {} } };
}

describe('month change across accounts that started at different times', () => {
  // OpenAI since 10 August; Anthropic (another provider, added later) since 1 October, at $2 a day.
  const accounts = [account('OpenAI org', '2026-08-10'), account('Anthropic org', '2026-10-01', 2_000_000)];

  it('compares October with September over the account that covers September, naming the one left out', () => {
    expect(monthChange(accounts, '2026-10', '2026-11-21')).toEqual({
      micros: 31_000_000,
      previousMicros: 30_000_000,
      without: ['Anthropic org'],
    });
  });

  it('is "new" (null) only when no account covers the earlier month: September against a partial August', () => {
    expect(monthChange(accounts, '2026-09', '2026-11-21')).toBeNull();
    expect(monthChange(accounts, '2026-08', '2026-11-21')).toBeNull();
  });

  it('compares the running month by its whole days against the same days, over every account that covers them', () => {
    expect(monthChange(accounts, '2026-11', '2026-11-21')).toEqual({
      micros: 20 * 3_000_000,
      previousMicros: 20 * 3_000_000,
      without: [],
    });
    // On the 1st no whole day exists yet: nothing to compare.
    expect(monthChange(accounts, '2026-11', '2026-11-01')).toEqual({ micros: 0, previousMicros: 0, without: [] });
  });
});
