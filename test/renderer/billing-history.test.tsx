// @vitest-environment jsdom
/** Billing history's reconciliation column in jsdom: each month's status from main, none for the demo. */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../src/shared/bridge';
import { BillingHistory } from '../../src/renderer/dashboard/BillingHistory';

const monthly = [
  { month: '2026-11', totalMicros: 100_000_000, byProject: [], byLineItem: [] },
  { month: '2026-10', totalMicros: 310_000_000, byProject: [], byLineItem: [] },
  { month: '2026-09', totalMicros: 290_000_000, byProject: [], byLineItem: [] },
];
const statuses = [
  { month: '2026-11', status: 'not-final', differenceMicros: 0, caseState: null },
  { month: '2026-10', status: 'discrepancy', differenceMicros: 5_000_000, caseState: 'open' },
  { month: '2026-09', status: 'matched', differenceMicros: 0, caseState: null },
];

function mount(isDemo: boolean) {
  const invoke = vi.fn(async (channel: string) => (channel === 'getBillingStatuses' ? { ok: true, value: statuses } : { ok: false, error: { code: 'internal', message: 'unexpected' } }));
  window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
  render(<BillingHistory monthly={monthly} monthBreakdown={{ projects: [], lineItems: [] }} today="2026-11-21" currency="usd" isDemo={isDemo} accountId="all" />);
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

  it('asks nothing for the demo organisation and shows no status column', () => {
    const invoke = mount(true);
    expect(screen.queryByRole('columnheader', { name: 'Invoice' })).toBeNull();
    expect(invoke).not.toHaveBeenCalled();
  });
});
