// @vitest-environment jsdom
/** Billing history's reconciliation column in jsdom: each month's status from main, none for the demo. */
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import { BillingHistory } from '../../../src/renderer/billing/BillingHistory';
import { renderWithData } from '../render-with-data';

const monthly = [
  { month: '2026-11', totalMicros: 100_000_000, byProject: [], byLineItem: [] },
  { month: '2026-10', totalMicros: 310_000_000, byProject: [], byLineItem: [] },
  { month: '2026-09', totalMicros: 290_000_000, byProject: [], byLineItem: [] },
];
const statuses = [
  { month: '2026-11', status: 'not-final', differenceMicros: 0, caseState: null, finalFrom: '2026-12-04' },
  { month: '2026-10', status: 'discrepancy', differenceMicros: 5_000_000, caseState: 'open', finalFrom: '2026-11-04' },
  { month: '2026-09', status: 'matched', differenceMicros: 0, caseState: null, finalFrom: '2026-10-04' },
];

function mount(isDemo: boolean, value: unknown[] = statuses, today = '2026-11-21', rows = monthly) {
  const invoke = vi.fn(async (channel: string) =>
    channel === 'getBillingStatuses'
      ? { ok: true, value }
      : { ok: false, error: { code: 'internal', message: 'unexpected' } },
  );
  window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
  renderWithData(
    <BillingHistory
      monthly={rows}
      monthBreakdown={{ projects: [], lineItems: [] }}
      today={today}
      currency="usd"
      isDemo={isDemo}
      accountId="all"
    />,
  );
  return invoke;
}

describe('Billing history reconciliation status', () => {
  afterEach(cleanup);

  it("shows each month's status, with the difference of a discrepancy", async () => {
    const invoke = mount(false);
    const history = screen.getByRole('region', { name: 'Billing history' });
    await waitFor(() => expect(history.textContent).toContain('Discrepancy +$5.00'));
    expect(history.textContent).toContain('Not final');
    expect(history.textContent).toContain('Matched');
    expect(screen.getByRole('columnheader', { name: 'Invoice' })).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('getBillingStatuses', { accountId: 'all' });
  });

  it('explains in words why a month is not final: the running month, and last month in the first days', async () => {
    const early = [
      { month: '2026-12', status: 'not-final', differenceMicros: 0, caseState: null, finalFrom: '2027-01-04' },
      { month: '2026-11', status: 'not-final', differenceMicros: 0, caseState: null, finalFrom: '2026-12-04' },
      { month: '2026-10', status: 'matched', differenceMicros: 0, caseState: null, finalFrom: '2026-11-04' },
    ];
    const rows = [{ month: '2026-12', totalMicros: 1_000_000, byProject: [], byLineItem: [] }, ...monthly.slice(0, 2)];
    mount(false, early, '2026-12-01', rows);
    const note = await screen.findByTestId('history-not-final');
    expect(note.textContent).toContain('December 2026 is still running');
    expect(note.textContent).toContain('November 2026 can still change until Dec 3');
    expect(note.textContent).toMatch(/revises? a day’s costs for up to 3 days/);
  });

  it('asks nothing for the demo organisation and shows no status column', () => {
    const invoke = mount(true);
    expect(screen.queryByRole('columnheader', { name: 'Invoice' })).toBeNull();
    expect(invoke).not.toHaveBeenCalled();
  });
});
