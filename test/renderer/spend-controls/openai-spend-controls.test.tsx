// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { Budget } from '../../../src/shared/domain';
import type { AccountSpendControls } from '../../../src/shared/spend-controls';
import { OpenAiSpendControls } from '../../../src/renderer/spend-controls/OpenAiSpendControls';
import { renderWithData } from '../render-with-data';

const controls = (
  limit: AccountSpendControls['scopes'][number]['limit'],
  extra: Partial<AccountSpendControls> = {},
): AccountSpendControls => ({
  accountId: 'acc_1',
  scopes: [
    {
      scope: 'account',
      name: null,
      limit,
      limitCheckedAt: '2026-11-21T10:00:00.000Z',
      emailAlerts: [{ id: 'spend_alert_1', cents: 40_000, recipients: ['ops@example.com'] }],
      emailAlertsCheckedAt: '2026-11-21T10:00:00.000Z',
    },
  ],
  warning: null,
  readOnly: false,
  ...extra,
});
const budget: Budget = { monthlyMicros: 500_000_000, thresholds: [50, 80, 100], dailyMicros: null, projects: {} };

describe('OpenAiSpendControls', () => {
  let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
  let state: AccountSpendControls;
  beforeEach(() => {
    state = controls({ cents: 75_000, enforcing: false });
    invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async () => ({ ok: true, value: state }));
    window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
  });
  afterEach(cleanup);

  it("shows OpenAI's limit and email alerts beside the budget, and notices that they differ", async () => {
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={budget} />);
    expect((await screen.findByText(/OpenAI hard limit for Acme Prod/)).textContent).toContain('$750.00');
    expect(
      screen.getByText("OpenAI's hard limit ($750.00) differs from your Spendwatch budget ($500.00)."),
    ).toBeTruthy();
    expect(screen.getByText(/Email at \$400\.00 → ops@example\.com/)).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('getSpendControls', { accountId: 'acc_1', refresh: false });
  });

  it('sets a limit only after a confirmation that states the consequence, in whole cents', async () => {
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={null} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change OpenAI limit' }));
    fireEvent.change(screen.getByLabelText('OpenAI hard limit (USD a month)'), { target: { value: '750.001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review limit' }));
    // The forms validate asynchronously (react-hook-form's resolver): the message, or the confirmation, shows
    // once the check has run.
    expect((await screen.findByRole('alert')).textContent).toContain('at most two decimals');
    fireEvent.change(screen.getByLabelText('OpenAI hard limit (USD a month)'), { target: { value: '1,250.10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review limit' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Confirm change at OpenAI' });
    expect(dialog.textContent).toContain(
      'OpenAI will reject API requests for Acme Prod once $1,250.10 is spent this month.',
    );
    expect(invoke).not.toHaveBeenCalledWith('setSpendLimit', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Set OpenAI limit to $1,250.10' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setSpendLimit', { accountId: 'acc_1', projectId: null, cents: 125_010 }),
    );
  });

  it('mirrors the budget as a hard limit and email alerts at its thresholds', async () => {
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={budget} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Mirror this budget to OpenAI' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Email alerts at 50, 80, 100%/ }));
    fireEvent.change(screen.getByLabelText('Email addresses (comma-separated)'), {
      target: { value: 'ops@example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Review mirror' }));
    expect((await screen.findByRole('alertdialog')).textContent).toContain(
      'OpenAI will reject API requests for Acme Prod once $500.00 is spent this month. OpenAI will email ops@example.com at $250.00, $400.00, $500.00 this month.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mirror to OpenAI' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('addSpendEmailAlert', {
        accountId: 'acc_1',
        projectId: null,
        cents: 50_000,
        recipients: ['ops@example.com'],
      }),
    );
    expect(invoke).toHaveBeenCalledWith('setSpendLimit', { accountId: 'acc_1', projectId: null, cents: 50_000 });
    expect(invoke).toHaveBeenCalledWith('addSpendEmailAlert', {
      accountId: 'acc_1',
      projectId: null,
      cents: 25_000,
      recipients: ['ops@example.com'],
    });
  });

  it('says clearly when OpenAI refuses the change, and shows the enforcing state', async () => {
    state = controls({ cents: 75_000, enforcing: true });
    invoke.mockImplementation(async (channel: string) =>
      channel === 'removeSpendLimit'
        ? {
            ok: false,
            error: {
              code: 'forbidden',
              message:
                "This admin key can read but not change OpenAI's spend limits and alerts: it needs the x permission. Nothing was changed.",
            },
          }
        : { ok: true, value: state },
    );
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={null} />);
    expect(await screen.findByText('Enforcing — OpenAI is rejecting API requests')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove OpenAI limit' }));
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'OpenAI will no longer stop API requests for Acme Prod at $750.00 a month',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove OpenAI limit' }));
    expect((await screen.findByRole('alert')).textContent).toContain('can read but not change');
  });

  it("sets a project's limit at OpenAI, naming the project in the confirmation", async () => {
    state = controls(null);
    state.scopes.push({
      scope: 'project:proj_web',
      name: 'Web app',
      limit: { cents: 10_000, enforcing: false },
      limitCheckedAt: '2026-11-21T10:00:00.000Z',
      emailAlerts: null,
      emailAlertsCheckedAt: null,
    });
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={null} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change limit for Web app' }));
    fireEvent.change(screen.getByLabelText('OpenAI hard limit for Web app (Acme Prod) (USD a month)'), {
      target: { value: '150' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Review limit' }));
    expect((await screen.findByRole('alertdialog')).textContent).toContain(
      'OpenAI will reject API requests for Web app (Acme Prod) once $150.00 is spent this month.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Set OpenAI limit to $150.00' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setSpendLimit', {
        accountId: 'acc_1',
        projectId: 'proj_web',
        cents: 15_000,
      }),
    );
  });

  it('changes an email alert in place, after confirming', async () => {
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={null} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change email alert at $400.00' }));
    expect((screen.getByLabelText('Email addresses (comma-separated)') as HTMLInputElement).value).toBe(
      'ops@example.com',
    );
    fireEvent.change(screen.getByLabelText('Email when the month reaches (USD)'), { target: { value: '450' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review email alert' }));
    expect((await screen.findByRole('alertdialog')).textContent).toContain(
      'OpenAI will email ops@example.com when Acme Prod has spent $450.00 this month (instead of at $400.00).',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Change email alert' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('updateSpendEmailAlert', {
        accountId: 'acc_1',
        projectId: null,
        alertId: 'spend_alert_1',
        cents: 45_000,
        recipients: ['ops@example.com'],
      }),
    );
  });

  it('shows each field its own message, and clears one once it is fixed, before anything is confirmed', async () => {
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={null} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add email alert' }));
    fireEvent.change(screen.getByLabelText('Email when the month reaches (USD)'), { target: { value: '300.5' } });
    fireEvent.change(screen.getByLabelText('Email addresses (comma-separated)'), { target: { value: 'ops@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review email alert' }));
    const emails = screen.getByLabelText('Email addresses (comma-separated)');
    await screen.findByText('Enter one to ten email addresses, separated by commas.');
    expect(emails.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/at most two decimals/)).toBeNull(); // the amount was fine
    fireEvent.change(emails, { target: { value: 'ops@example.com' } });
    await waitFor(() =>
      expect(screen.queryByText('Enter one to ten email addresses, separated by commas.')).toBeNull(),
    );
    expect(emails.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Review email alert' }));
    expect((await screen.findByRole('alertdialog')).textContent).toContain(
      'OpenAI will email ops@example.com when Acme Prod has spent $300.50 this month.',
    );
  });

  it('refuses to mirror nothing: a hard limit, email alerts, or both', async () => {
    renderWithData(<OpenAiSpendControls accountId="acc_1" accountName="Acme Prod" budget={budget} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Mirror this budget to OpenAI' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /A hard limit at the budget/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Review mirror' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a hard limit, email alerts, or both.');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
