// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { AccountSummary, DashboardView } from '../../../src/shared/domain';
import { BudgetCard } from '../../../src/renderer/budgets/BudgetCard';
import { renderWithData } from '../render-with-data';

const account: AccountSummary = {
  id: 'acc_1',
  name: 'Acme Prod',
  provider: 'openai',
  keyHint: 'sk-admin-…abcd',
  isDemo: false,
  lastSyncedAt: null,
  lastError: null,
  warning: null,
  stale: false,
  syncing: false,
  monthToDateMicros: 401_220_000,
  todayMicros: 0,
  forecastMicros: null,
  budget: null,
  budgetUsedPercent: null,
  budgetState: null,
  dataSince: null,
};
const view = { currency: 'usd', kpis: { budgetMicros: null, budgetUsedPercent: null } } as unknown as DashboardView;

describe('BudgetCard', () => {
  let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
  beforeEach(() => {
    invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async () => ({
      ok: true,
      value: { accountId: 'acc_1', budget: null, alerts: [] },
    }));
    window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
    window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
  });
  afterEach(cleanup);

  it('sets a budget in exact micros through the bridge', async () => {
    renderWithData(<BudgetCard view={view} account={account} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), { target: { value: '$1,250.10' } });
    fireEvent.change(screen.getByLabelText('Alert at (% of budget)'), { target: { value: '80, 50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setBudget', {
        accountId: 'acc_1',
        budget: { monthlyMicros: 1_250_100_000, thresholds: [80, 50], dailyMicros: null, projects: {} },
      }),
    );
  });

  it('refuses a bad amount inline, saving nothing', async () => {
    renderWithData(<BudgetCard view={view} account={account} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    // The form validates asynchronously (react-hook-form's resolver): the message shows after the submit settles.
    expect((await screen.findByRole('alert')).textContent).toMatch(/monthly budget in dollars/);
    expect(invoke).not.toHaveBeenCalledWith('setBudget', expect.anything());
  });

  it('lets a budget be tried on the demo: labelled demo, computed on the demo month, never saved', async () => {
    const demoView = {
      currency: 'usd',
      isDemo: true,
      today: '2026-11-20',
      accounts: [],
      kpis: { budgetMicros: null, budgetUsedPercent: null, monthToDateMicros: 250_000_000, forecastMicros: null },
      monthProgress: { budgetMicros: null, points: [] },
    } as unknown as DashboardView;
    renderWithData(<BudgetCard view={demoView} account={{ ...account, isDemo: true }} />);
    expect(screen.queryByRole('button', { name: 'Set a budget' })).toBeNull();
    expect(screen.getByText('Add an account to set a budget.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try a budget on the demo' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Monthly budget (USD)'));
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await screen.findByText('25% used');
    expect(screen.getByText('demo')).toBeTruthy();
    expect(screen.getByText(/Demo only: not saved/)).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change demo budget' })),
    );
    expect(invoke).not.toHaveBeenCalledWith('setBudget', expect.anything());
  });

  it('says a forecast past the budget in words, red, and a meter that is not green; nothing when well under', async () => {
    // Nov 20, $250 spent, $1,100 forecast: $850 left over 11 days, $750 of it to a $1,000 budget → passed Nov 29.
    const overView = {
      currency: 'usd',
      isDemo: true,
      today: '2026-11-20',
      accounts: [],
      kpis: {
        budgetMicros: null,
        budgetUsedPercent: null,
        monthToDateMicros: 250_000_000,
        forecastMicros: 1_100_000_000,
      },
      monthProgress: { budgetMicros: null, points: [] },
    } as unknown as DashboardView;
    const tryBudget = async (amount: string) => {
      fireEvent.click(screen.getByRole('button', { name: /budget on the demo|Change demo budget/ }));
      fireEvent.change(screen.getByLabelText('Monthly budget (USD)'), { target: { value: amount } });
      fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
      await screen.findByRole('button', { name: 'Change demo budget' });
    };
    renderWithData(<BudgetCard view={overView} account={{ ...account, isDemo: true }} />);
    await tryBudget('1000');
    const note = screen.getByTestId('overrun');
    expect(note.dataset.level).toBe('over');
    expect(note.textContent).toMatch(
      /^Over budget: On pace for \$1,100\.00 — \$100\.00 over, crosses the budget around (Nov 29|29 Nov)$/,
    );
    const meter = document.querySelector('meter')!;
    expect(meter.optimum).toBeLessThan(meter.low);
    expect(meter.value).toBeGreaterThan(meter.high);
    // Close: a $1,200 budget (the forecast is 91.7% of it) is amber, said as what is left.
    await tryBudget('1200');
    expect(screen.getByTestId('overrun').dataset.level).toBe('close');
    expect(screen.getByTestId('overrun').textContent).toBe(
      'Close to budget: On pace for $1,100.00 — $100.00 under the budget, close to it',
    );
    // Well under: nothing, and the meter is calm.
    await tryBudget('5000');
    await screen.findByText('5% used');
    expect(screen.queryByTestId('overrun')).toBeNull();
    expect(document.querySelector('meter')!.value).toBeLessThan(document.querySelector('meter')!.low);
  });

  it('shows OpenAI spend controls for an OpenAI account only, not for an Anthropic one', async () => {
    renderWithData(<BudgetCard view={view} account={account} />);
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('getSpendControls', expect.objectContaining({ accountId: 'acc_1' })),
    );
    cleanup();
    invoke.mockClear();
    renderWithData(<BudgetCard view={view} account={{ ...account, id: 'acc_2', provider: 'anthropic' }} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(invoke).not.toHaveBeenCalledWith('getSpendControls', expect.anything());
  });

  it('moves focus to the first invalid field', async () => {
    renderWithData(<BudgetCard view={view} account={account} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    fireEvent.change(screen.getByLabelText('Alert at (% of budget)'), { target: { value: 'often' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    expect(await screen.findByText('Enter the monthly budget.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Monthly budget (USD)'));
  });
});
