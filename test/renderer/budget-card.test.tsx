// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../src/shared/bridge';
import type { AccountSummary, DashboardView } from '../../src/shared/domain';
import { BudgetCard } from '../../src/renderer/dashboard/BudgetCard';

const account: AccountSummary = {
  id: 'acc_1', name: 'Acme Prod', provider: 'openai', keyHint: 'sk-admin-…abcd', isDemo: false, lastSyncedAt: null, lastError: null, warning: null,
  stale: false, syncing: false, monthToDateMicros: 401_220_000, todayMicros: 0, forecastMicros: null, budget: null, budgetUsedPercent: null,
};
const view = { currency: 'usd', kpis: { budgetMicros: null, budgetUsedPercent: null } } as unknown as DashboardView;

describe('BudgetCard', () => {
  let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
  beforeEach(() => {
    invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async () => ({ ok: true, value: { accountId: 'acc_1', budget: null, alerts: [] } }));
    window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
  });
  afterEach(cleanup);

  it('sets a budget in exact micros through the bridge', async () => {
    render(<BudgetCard view={view} account={account} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), { target: { value: '$1,250.10' } });
    fireEvent.change(screen.getByLabelText('Alert at (% of budget)'), { target: { value: '80, 50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setBudget', { accountId: 'acc_1', budget: { monthlyMicros: 1_250_100_000, thresholds: [80, 50], dailyMicros: null, projects: {} } }),
    );
  });

  it('refuses a bad amount inline, saving nothing', () => {
    render(<BudgetCard view={view} account={account} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    expect(screen.getByRole('alert').textContent).toMatch(/monthly budget in dollars/);
    expect(invoke).not.toHaveBeenCalledWith('setBudget', expect.anything());
  });

  it('offers no editing for the demo organisation', () => {
    render(<BudgetCard view={view} account={{ ...account, isDemo: true }} />);
    expect(screen.queryByRole('button', { name: 'Set a budget' })).toBeNull();
    expect(screen.getByText('Add an account to set a budget.')).toBeTruthy();
  });
});
