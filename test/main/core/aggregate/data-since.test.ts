import { describe, expect, it } from 'vitest';
import { dataSince } from '../../../../src/main/core/aggregate/data-since';
import type { HistoryView } from '../../../../src/main/core/aggregate/aggregations';
import { AccountHistory } from '../../../../src/main/core/history/account-history';
import type { CostRow } from '../../../../src/main/core/history/types';
import { costRow } from '../../../support/cost-row';

function view(days: Record<string, CostRow[]>): HistoryView {
  const history = new AccountHistory();
  history.replaceCosts(new Map(Object.entries(days)));
  return { history, projectNames: {} };
}

describe('dataSince', () => {
  it('is the first UTC day with any cost across the accounts; empty and zero days do not count', () => {
    const a = view({
      '2026-09-01': [],
      '2026-09-02': [costRow('p', 'x', 0)],
      '2026-10-15': [costRow('p', 'x', 5)],
      '2026-11-01': [costRow('p', 'x', 1)],
    });
    const b = view({ '2026-10-20': [costRow('q', 'y', 1)] });
    expect(dataSince([a])).toBe('2026-10-15');
    expect(dataSince([b])).toBe('2026-10-20');
    expect(dataSince([b, a])).toBe('2026-10-15');
  });

  it('is null when there is no cost at all', () => {
    expect(dataSince([])).toBeNull();
    expect(dataSince([view({ '2026-11-01': [] })])).toBeNull();
  });
});
