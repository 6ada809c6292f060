// @vitest-environment jsdom
/** "All accounts" billing history: each account's own first day of data decides where it has "no data". */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import { BillingHistory, monthCoverage } from '../../../src/renderer/billing/BillingHistory';
import { renderWithData } from '../render-with-data';

// Each month's change as core works it out (month-change.ts): over the accounts covering the month before.
const monthly = [
  {
    month: '2026-11',
    totalMicros: 500_000_000,
    byProject: [],
    byLineItem: [],
    change: { micros: 500_000_000, previousMicros: 450_000_000, without: [] },
  },
  {
    month: '2026-10',
    totalMicros: 400_000_000,
    byProject: [],
    byLineItem: [],
    // Lab's history starts on 1 October: October against September is Acme's alone.
    change: { micros: 120_000_000, previousMicros: 100_000_000, without: ['Lab'] },
  },
  { month: '2026-09', totalMicros: 100_000_000, byProject: [], byLineItem: [], change: null },
  { month: '2026-08', totalMicros: 80_000_000, byProject: [], byLineItem: [], change: null },
  { month: '2026-07', totalMicros: 0, byProject: [], byLineItem: [], change: null },
];
// Acme's data starts mid-August, Lab's on 1 October, New Org has none yet.
const accounts = [
  { name: 'Acme', dataSince: '2026-08-10' },
  { name: 'Lab', dataSince: '2026-10-01' },
  { name: 'New Org', dataSince: null },
];
const row = (month: string) => screen.getByRole('rowheader', { name: new RegExp(month) }).closest('tr') as HTMLElement;

describe('Billing history across accounts with different first months', () => {
  afterEach(cleanup);

  it('names the accounts without data in a month instead of counting them as $0.00, and compares like with like', () => {
    const invoke = vi.fn(async () => ({ ok: true, value: [] }));
    window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
    renderWithData(
      <BillingHistory
        monthly={monthly}
        monthBreakdown={{
          projects: [{ key: 'p', name: 'P', micros: 500_000_000, previousMicros: 450_000_000 }],
          lineItems: [],
        }}
        today="2026-11-21"
        currency="usd"
        isDemo={false}
        accountId="all"
        dataSince="2026-08-10"
        accountsSince={accounts}
      />,
    );
    // Before any account's data: No data, no $0.00.
    expect(row('July 2026').textContent).toContain('No data');
    expect(row('July 2026').textContent).not.toContain('$0.00');
    // Acme only: its total, and the others named as having no data yet.
    expect(row('August 2026').textContent).toContain('$80.00');
    expect(row('August 2026').textContent).toContain('no data for Lab');
    expect(row('August 2026').textContent).not.toContain('New Org');
    // An account with no data at all is named once, not on every row.
    expect(screen.getByTestId('history-no-data-accounts').textContent).toBe(
      'No data yet for New Org: its months are not in these totals.',
    );
    // September against a partial August (Acme started on the 10th): "new", not +25%.
    expect(row('September 2026').textContent).toContain('new');
    expect(row('September 2026').textContent).not.toMatch(/%/);
    // October: Lab's history starts later, which does not make October "new": Acme's October against its
    // September, saying that Lab is left out.
    expect(row('October 2026').textContent).not.toContain('no data for');
    expect(row('October 2026').textContent).not.toContain('new');
    expect(row('October 2026').textContent).toMatch(/\+20% without Lab/);
    // November against October: both accounts covered all of October.
    expect(row('November 2026').textContent).toMatch(/\+11\.1% vs same days/);
  });

  it('treats a month as fully covered from the month an account starts on its 1st', () => {
    expect(monthCoverage(accounts, '2026-10').partialFor('2026-11')).toBe(false);
    expect(monthCoverage(accounts, '2026-09').partialFor('2026-10')).toBe(true);
    expect(monthCoverage(accounts, '2026-08').partialFor('2026-09')).toBe(true);
    expect(monthCoverage(accounts, '2026-07')).toMatchObject({ noData: true, missing: [] });
    expect(monthCoverage([{ name: 'Solo', dataSince: '2026-08-10' }], '2026-09').missing).toEqual([]);
  });
});
