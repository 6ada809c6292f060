// @vitest-environment jsdom
/**
 * The one budget form, in each place that sets a budget: the dashboard's budget card, a project's row card,
 * Settings' account budget, its project budget rows and Add project budget. Same messages everywhere, the
 * shared schema's limits, and a field's message gone as soon as the field is fixed.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithData } from '../render-with-data';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { AccountInfo, AccountSummary, Budget, DashboardView } from '../../../src/shared/domain';
import { BudgetCard } from '../../../src/renderer/budgets/BudgetCard';
import { RowBudgetControl } from '../../../src/renderer/budgets/ProjectBudgetCard';
import { BudgetsAndAlerts } from '../../../src/renderer/budgets/BudgetsAndAlerts';
import { FORM_MESSAGES } from '../../../src/renderer/lib/form-messages';

const budget: Budget = { monthlyMicros: 500_000_000, dailyMicros: null, thresholds: [50, 80, 100], projects: {} };
const summary = (over: Partial<AccountSummary> = {}): AccountSummary => ({
  id: 'acc_1',
  name: 'Acme',
  provider: 'anthropic',
  keyHint: 'sk-ant-admin…abcd',
  isDemo: false,
  lastSyncedAt: null,
  lastError: null,
  warning: null,
  stale: false,
  syncing: false,
  monthToDateMicros: 0,
  todayMicros: 0,
  forecastMicros: null,
  budget: null,
  budgetUsedPercent: null,
  budgetState: null,
  dataSince: null,
  ...over,
});
const info: AccountInfo = {
  id: 'acc_1',
  name: 'Acme',
  provider: 'anthropic',
  keyHint: 'sk-ant-admin…abcd',
  baseUrl: 'https://api.anthropic.com/v1',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const view = { currency: 'usd', kpis: { budgetMicros: null, budgetUsedPercent: null } } as unknown as DashboardView;

let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
let stored: Budget | null;
beforeEach(() => {
  stored = budget;
  invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async (channel) => {
    switch (channel) {
      case 'getPreferences':
        return {
          ok: true,
          value: {
            general: { pollMinutes: 15, startAtLogin: false, notifications: true, theme: 'system' },
            pollMinutes: 15,
            spikeFloorMicros: 0,
            budgets: stored ? { acc_1: stored } : {},
            alertPreferences: {},
          },
        };
      case 'getDashboard':
        return {
          ok: true,
          value: {
            byProject: [
              { key: 'wrk_a', name: 'Search', micros: 80_000_000 },
              { key: 'wrk_b', name: 'Chat', micros: 20_000_000 },
            ],
          },
        };
      default:
        return { ok: true, value: { accountId: 'acc_1', budget: null, alerts: [] } };
    }
  });
  window.spendwatch = createBridge({ invoke, onEvent: () => () => undefined });
  window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
  // jsdom's <dialog> has no showModal/close: ModalDialog opens it with the attribute, and closes it so.
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(cleanup);

const setBudgetCalls = () => invoke.mock.calls.filter(([channel]) => channel === 'setBudget');
const type = (label: string, value: string, scope: HTMLElement = document.body) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });

describe('the dashboard budget card', () => {
  it('clears a field error as soon as the field is fixed, before the next save', async () => {
    renderWithData(<BudgetCard view={view} account={summary()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    type('Monthly budget (USD)', '');
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    const monthly = screen.getByLabelText('Monthly budget (USD)');
    await screen.findByText(FORM_MESSAGES.budgetMissing('monthly'));
    expect(monthly.getAttribute('aria-invalid')).toBe('true');
    type('Monthly budget (USD)', '250');
    await waitFor(() => expect(screen.queryByText(FORM_MESSAGES.budgetMissing('monthly'))).toBeNull());
    expect(monthly.getAttribute('aria-invalid')).toBeNull();
    expect(setBudgetCalls()).toHaveLength(0);
  });

  it("refuses more than the shared schema's $100,000,000, with its message, and focuses the field", async () => {
    renderWithData(<BudgetCard view={view} account={summary()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set a budget' }));
    type('Monthly budget (USD)', '100,000,000.01');
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await screen.findByText('Enter at most $100,000,000.');
    expect(document.activeElement).toBe(screen.getByLabelText('Monthly budget (USD)'));
    expect(setBudgetCalls()).toHaveLength(0);
  });

  it('focuses the thresholds when only they are wrong, with the one thresholds message', async () => {
    renderWithData(<BudgetCard view={view} account={summary({ budget })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Change budget' }));
    type('Alert at (% of budget)', '50, 80.5');
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await screen.findByText(FORM_MESSAGES.thresholds);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Alert at (% of budget)')));
    fireEvent.click(screen.getByRole('button', { name: 'Remove budget' }));
    await waitFor(() => expect(setBudgetCalls()).toEqual([['setBudget', { accountId: 'acc_1', budget: null }]]));
  });
});

describe("a project's row card on the dashboard", () => {
  const row = (account: AccountSummary) =>
    renderWithData(
      <RowBudgetControl
        account={account}
        projectId="wrk_a"
        name="Search"
        noun="workspace"
        spentMicros={80_000_000}
        currency="usd"
      />,
    );

  it('asks for the account budget too when there is none, and saves both in exact micros', async () => {
    row(summary());
    fireEvent.click(screen.getByRole('button', { name: /^Set budget ?for Search$/ }));
    const card = screen.getByRole('dialog', { name: 'Budget for Search' });
    expect(document.activeElement).toBe(within(card).getByLabelText('Monthly budget for Search (USD)'));
    fireEvent.click(within(card).getByRole('button', { name: 'Save budget' }));
    await within(card).findByText(FORM_MESSAGES.budgetMissing('workspace'));
    expect(within(card).getByText(FORM_MESSAGES.budgetMissing('Acme monthly'))).toBeTruthy();
    type('Monthly budget for Search (USD)', '120.5', card);
    await waitFor(() => expect(within(card).queryByText(FORM_MESSAGES.budgetMissing('workspace'))).toBeNull());
    expect(within(card).getByText(FORM_MESSAGES.budgetMissing('Acme monthly'))).toBeTruthy(); // still wrong
    type('Monthly budget for Acme (USD)', '1,000', card);
    type('Alert at (% of budget)', '90, 50', card);
    fireEvent.click(within(card).getByRole('button', { name: 'Save budget' }));
    await waitFor(() =>
      expect(setBudgetCalls()).toEqual([
        [
          'setBudget',
          {
            accountId: 'acc_1',
            budget: {
              monthlyMicros: 1_000_000_000,
              dailyMicros: null,
              thresholds: [90, 50],
              projects: { wrk_a: 120_500_000 },
            },
          },
        ],
      ]),
    );
  });

  it('says a bad amount in the same words as every budget form', async () => {
    row(summary({ budget: { ...budget, projects: { wrk_a: 100_000_000 } } }));
    fireEvent.click(screen.getByRole('button', { name: /change the budget for Search$/ }));
    const card = screen.getByRole('dialog', { name: 'Budget for Search' });
    expect((within(card).getByLabelText('Monthly budget for Search (USD)') as HTMLInputElement).value).toBe('100.00');
    type('Monthly budget for Search (USD)', 'a lot', card);
    fireEvent.click(within(card).getByRole('button', { name: 'Save budget' }));
    await within(card).findByText(FORM_MESSAGES.budgetAmount('workspace'));
    expect(FORM_MESSAGES.budgetAmount('workspace')).toBe('Enter the workspace budget in dollars, such as 500.');
    expect(setBudgetCalls()).toHaveLength(0);
  });
});

describe('Settings › Budgets & alerts', () => {
  const settings = () => renderWithData(<BudgetsAndAlerts account={info} accountChooser={null} hasAccounts />);

  it('checks the optional daily budget, clears its message once fixed, and saves it with the rest', async () => {
    settings();
    const daily = await screen.findByLabelText('Daily budget (USD, optional)');
    type('Daily budget (USD, optional)', '-5');
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await screen.findByText(FORM_MESSAGES.optionalBudgetAmount('daily'));
    await waitFor(() => expect(document.activeElement).toBe(daily));
    type('Daily budget (USD, optional)', '25');
    await waitFor(() => expect(screen.queryByText(FORM_MESSAGES.optionalBudgetAmount('daily'))).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await screen.findByText('Budget saved for Acme.');
    expect(setBudgetCalls()).toEqual([
      ['setBudget', { accountId: 'acc_1', budget: { ...budget, dailyMicros: 25_000_000 } }],
    ]);
  });

  it('words a bad monthly amount as the dashboard card does', async () => {
    settings();
    const form = await screen.findByRole('form', { name: 'Monthly budget for Acme' });
    type('Monthly budget (USD)', '12,34', form);
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    expect((await screen.findByText(FORM_MESSAGES.budgetAmount('monthly'))).textContent).toBe(
      'Enter the monthly budget in dollars, such as 500.',
    );
  });

  it('adds a project budget only once a project is chosen, the message gone when it is', async () => {
    settings();
    const form = await screen.findByRole('form', { name: 'Add a workspace budget' });
    type('Monthly budget (USD)', '40', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Add workspace budget' }));
    await within(form).findByText(FORM_MESSAGES.choose('workspace'));
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Workspace')));
    type('Workspace', 'wrk_b', form);
    await waitFor(() => expect(within(form).queryByText(FORM_MESSAGES.choose('workspace'))).toBeNull());
    fireEvent.click(within(form).getByRole('button', { name: 'Add workspace budget' }));
    await waitFor(() =>
      expect(setBudgetCalls()).toEqual([
        ['setBudget', { accountId: 'acc_1', budget: { ...budget, projects: { wrk_b: 40_000_000 } } }],
      ]),
    );
    // Emptied for the next one.
    await waitFor(() =>
      expect((within(form).getByLabelText('Monthly budget (USD)') as HTMLInputElement).value).toBe(''),
    );
  });

  it("changes a project budget from its row, keeping the account's budget and the other projects", async () => {
    stored = { ...budget, dailyMicros: 10_000_000, projects: { wrk_a: 100_000_000, wrk_b: 5_000_000 } };
    settings();
    fireEvent.click(await screen.findByRole('button', { name: 'Change budget for Chat' }));
    const input = screen.getByLabelText('Monthly budget for Chat (USD)');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(FORM_MESSAGES.budgetMissing('workspace'));
    fireEvent.change(input, { target: { value: '7.25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(setBudgetCalls()).toEqual([
        [
          'setBudget',
          {
            accountId: 'acc_1',
            budget: { ...stored, projects: { wrk_a: 100_000_000, wrk_b: 7_250_000 } },
          },
        ],
      ]),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change budget for Chat' })),
    );
  });

  it('turns quiet hours on only with both times, the message gone once the time is given', async () => {
    settings();
    const start = await screen.findByLabelText('Unusual spend (spikes) quiet hours start');
    fireEvent.change(start, { target: { value: '' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Quiet hours for Unusual spend (spikes)' }));
    await screen.findByText('Use HH:MM, such as 22:00.');
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(invoke.mock.calls.filter(([c]) => c === 'setAlertPreference')).toHaveLength(0);
    fireEvent.change(start, { target: { value: '21:30' } });
    await waitFor(() => expect(screen.queryByText('Use HH:MM, such as 22:00.')).toBeNull());
    fireEvent.click(screen.getByRole('checkbox', { name: 'Quiet hours for Unusual spend (spikes)' }));
    await waitFor(() =>
      expect(invoke.mock.calls.filter(([c]) => c === 'setAlertPreference')).toEqual([
        [
          'setAlertPreference',
          { kind: 'spike', preference: { snoozedUntil: null, quietHours: { start: '21:30', end: '07:00' } } },
        ],
      ]),
    );
  });
});
