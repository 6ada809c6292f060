// @vitest-environment jsdom
/** Billing history before and at the start of the data: "No data", "new" against a partial month, demo export. */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import { BillingHistory, demoCsv } from '../../../src/renderer/billing/BillingHistory';
import { renderWithData } from '../render-with-data';

const monthly = [
  { month: '2026-11', totalMicros: 100_000_000, byProject: [], byLineItem: [] },
  { month: '2026-10', totalMicros: 310_000_000, byProject: [], byLineItem: [] },
  { month: '2026-09', totalMicros: 2_000_000, byProject: [], byLineItem: [] },
  { month: '2026-08', totalMicros: 0, byProject: [], byLineItem: [] },
];

function mount(props: { isDemo?: boolean; dataSince?: string | null }) {
  const invoke = vi.fn(async (channel: string) =>
    channel === 'getBillingStatuses'
      ? { ok: true, value: [] }
      : { ok: false, error: { code: 'internal', message: 'unexpected' } },
  );
  window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
  renderWithData(
    <BillingHistory
      monthly={monthly}
      monthBreakdown={{
        projects: [{ key: 'p', name: 'P', micros: 100_000_000, previousMicros: 90_000_000 }],
        lineItems: [],
      }}
      today="2026-11-21"
      currency="usd"
      isDemo={props.isDemo ?? false}
      accountId="all"
      dataSince={props.dataSince}
    />,
  );
  return invoke;
}
const row = (month: string) => screen.getByRole('rowheader', { name: new RegExp(month) }).closest('tr') as HTMLElement;

describe('Billing history, first months', () => {
  afterEach(cleanup);

  it('says "No data" before the first day with data and "new" against a partial first month', () => {
    mount({ dataSince: '2026-09-20' });
    expect(within(row('August 2026')).getByText('No data')).toBeTruthy();
    expect(row('August 2026').textContent).not.toContain('$0.00');
    expect(row('September 2026').textContent).toContain('$2.00');
    expect(row('October 2026').textContent).toContain('new'); // September is partial: no +15400%
    expect(row('October 2026').textContent).not.toMatch(/%/);
    expect(row('November 2026').textContent).toMatch(/\+11\.1% vs same days/);
  });

  it('compares normally when the history covers the earlier month', () => {
    mount({ dataSince: '2026-08-01' });
    expect(row('October 2026').textContent).toMatch(/\+15,400%/);
  });

  it('exports the demo as CSV marked demo on every row, without asking main', () => {
    const invoke = mount({ isDemo: true });
    URL.createObjectURL = vi.fn(() => 'blob:demo');
    URL.revokeObjectURL = vi.fn();
    fireEvent.click(screen.getByRole('button', { name: 'Export demo CSV' }));
    expect(screen.getByRole('status').textContent).toMatch(/demo data, not your spend/);
    expect(invoke).not.toHaveBeenCalledWith('exportCsv', expect.anything());
    expect(demoCsv(monthly).split('\n')).toEqual([
      'month,total_usd,source',
      '2026-11,100.00,demo data',
      '2026-10,310.00,demo data',
      '2026-09,2.00,demo data',
      '2026-08,0.00,demo data',
      '',
    ]);
  });
});
