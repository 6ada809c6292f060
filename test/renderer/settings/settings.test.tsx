// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { AccountInfo } from '../../../src/shared/domain';
import SettingsPage from '../../../src/renderer/settings/SettingsPage';
import { AccountsSection } from '../../../src/renderer/accounts/AccountsSection';
import { keyVerdictText } from '../../../src/renderer/accounts/key-verdict';
import { renderWithData } from '../render-with-data';

const accounts: AccountInfo[] = [
  {
    id: 'acc_openai',
    name: 'Acme Prod',
    provider: 'openai',
    keyHint: 'sk-admin-…abcd',
    baseUrl: 'https://api.openai.com/v1',
    createdAt: '2026-01-01T00:00:00.000Z',
  } as AccountInfo,
  {
    id: 'acc_claude',
    name: 'Claude Team',
    provider: 'anthropic',
    keyHint: 'sk-ant-admin…wxyz',
    baseUrl: 'https://api.anthropic.com/v1',
    createdAt: '2026-01-01T00:00:00.000Z',
  } as AccountInfo,
];
const budget = {
  monthlyMicros: 500_000_000,
  dailyMicros: null,
  thresholds: [50, 80, 100],
  projects: { proj_a: 100_000_000 },
};

function answers(channel: string, input: unknown): unknown {
  switch (channel) {
    case 'listAccounts':
      return accounts;
    case 'getPayments':
      return {
        methods: [],
        accounts: accounts.map((a) => ({
          accountId: a.id,
          name: a.name,
          estimate: null,
          credits: { entries: [], autoRecharge: null, recordedBalance: null },
        })),
        localToday: '2026-11-22',
        utcToday: '2026-11-22',
        expiryAlertDays: [30, 7],
        checklist: [],
        events: [],
      };
    case 'getPreferences':
      return {
        general: { pollMinutes: 15, startAtLogin: false, notifications: true, theme: 'system' },
        pollMinutes: 15,
        budgets: { acc_openai: budget, acc_claude: budget },
        alertPreferences: {},
      };
    case 'getDashboard':
      return {
        isDemo: false,
        accounts: [],
        stateNotices: [
          {
            at: '2026-11-22T00:00:00Z',
            message:
              'The settings file config.json was damaged. It was moved to config.json.corrupt and the last good copy was restored.',
          },
        ],
        byProject:
          (input as { accountId: string }).accountId === 'all'
            ? []
            : [
                { key: 'proj_a', name: 'Search', micros: 80_000_000 },
                { key: 'proj_b', name: 'Chat', micros: 20_000_000 },
              ],
      };
    case 'replaceAccountKey':
      return { ...accounts[0], keyHint: 'sk-admin-…new1' };
    default:
      return { accountId: 'acc_openai', budget: null, alerts: [] };
  }
}

describe('Settings', () => {
  let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
  beforeEach(() => {
    invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async (channel, input) => ({
      ok: true,
      value: answers(channel, input),
    }));
    window.spendwatch = createBridge({ invoke, onEvent: () => () => undefined });
    window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
  });
  afterEach(() => {
    cleanup();
    window.location.hash = '';
    sessionStorage.clear();
  });

  it('shows one section at a time, the one the URL names, and marks it in the sidebar', async () => {
    window.location.hash = '#/settings?section=credits';
    renderWithData(<SettingsPage />);
    await screen.findByRole('heading', { level: 2, name: 'Credits & balance' });
    expect(screen.queryByRole('heading', { level: 2, name: 'Accounts' })).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(within(nav).getByRole('link', { name: 'Credits & balance' }).getAttribute('aria-current')).toBe('page');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Accounts',
      'Budgets & alerts',
      'Webhooks',
      'Payment methods',
      'Update payment method',
      'Credits & balance',
      'Troubleshooting',
      'General',
    ]);

    await act(async () => {
      window.location.hash = '#/settings?section=general';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const general = await screen.findByRole('heading', { level: 2, name: 'General' });
    expect(document.activeElement).toBe(general); // focus moves to the section, never <body>
  });

  it('explains damaged settings on every section', async () => {
    window.location.hash = '#/settings?section=general';
    renderWithData(<SettingsPage />);
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toMatch(/damaged and has been set aside/);
    expect(notice.textContent).toMatch(/config\.json was damaged/);
  });

  it('chooses the account once, at the top, and says "workspace" for an Anthropic account with no OpenAI controls', async () => {
    window.location.hash = '#/settings?section=budgets';
    renderWithData(<SettingsPage />);
    await screen.findByRole('heading', { name: 'Monthly budget for Acme Prod' });
    expect(screen.getAllByRole('heading', { name: /^Monthly budget for / })).toHaveLength(1);
    await screen.findByRole('heading', { name: 'Project budgets for Acme Prod' });
    await screen.findByRole('heading', { name: 'OpenAI spend controls' });
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('getSpendControls', expect.objectContaining({ accountId: 'acc_openai' })),
    );

    fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'acc_claude' } });
    await screen.findByRole('heading', { name: 'Workspace budgets for Claude Team' });
    expect(screen.queryByRole('heading', { name: 'OpenAI spend controls' })).toBeNull();
    expect(invoke).not.toHaveBeenCalledWith('getSpendControls', expect.objectContaining({ accountId: 'acc_claude' }));
  });

  it('moves focus to the first invalid field with a plain message, and saves nothing', async () => {
    window.location.hash = '#/settings?section=budgets';
    renderWithData(<SettingsPage />);
    const monthly = await screen.findByLabelText('Monthly budget (USD)');
    fireEvent.change(monthly, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Alert at (% of the monthly budget)'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() => expect(document.activeElement).toBe(monthly));
    expect(monthly.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(monthly.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter the monthly budget.',
    );
    expect(invoke).not.toHaveBeenCalledWith('setBudget', expect.anything());
  });

  it('sets, changes and removes a project budget in exact micros, keeping the others', async () => {
    window.location.hash = '#/settings?section=budgets';
    renderWithData(<SettingsPage />);
    await screen.findByText('$80.00 of $100.00 (80%)');
    fireEvent.change(screen.getByLabelText('Project'), { target: { value: 'proj_b' } });
    fireEvent.change(screen.getByLabelText('Monthly budget (USD)', { selector: '#new-project-amount' }), {
      target: { value: '40' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add project budget' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setBudget', {
        accountId: 'acc_openai',
        budget: { ...budget, projects: { proj_a: 100_000_000, proj_b: 40_000_000 } },
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Change budget for Search' }));
    const input = screen.getByLabelText('Monthly budget for Search (USD)');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: '150.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setBudget', {
        accountId: 'acc_openai',
        budget: { ...budget, projects: { proj_a: 150_500_000 } },
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Remove budget for Search' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('setBudget', {
        accountId: 'acc_openai',
        budget: { ...budget, projects: {} },
      }),
    );
  });
});

describe('Accounts', () => {
  let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
  beforeEach(() => {
    invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async (channel, input) => ({
      ok: true,
      value: answers(channel, input),
    }));
    window.spendwatch = createBridge({ invoke, onEvent: () => () => undefined });
    window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
  });
  afterEach(cleanup);

  it('recognises the key type per provider, as typed', () => {
    expect(keyVerdictText('openai', 'sk-admin-abc')).toEqual({
      ok: true,
      text: 'An OpenAI admin key: this is the right kind.',
    });
    expect(keyVerdictText('openai', 'sk-ant-admin01-abc')?.ok).toBe(false);
    expect(keyVerdictText('anthropic', 'sk-ant-admin01-abc')).toEqual({
      ok: true,
      text: 'An Anthropic admin key: this is the right kind.',
    });
    expect(keyVerdictText('anthropic', 'sk-ant-api03-abc')?.text).toMatch(/ordinary Anthropic API key/);
  });

  it('offers both providers, with each one’s admin-keys link and key check', () => {
    renderWithData(<AccountsSection accounts={[]} summaries={[]} />);
    expect(screen.getByRole('link', { name: 'Create one on OpenAI' }).getAttribute('href')).toMatch(
      /platform\.openai\.com/,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Anthropic' }));
    expect(screen.getByRole('link', { name: 'Create one on Anthropic' }).getAttribute('href')).toMatch(
      /console\.anthropic\.com/,
    );
    fireEvent.change(screen.getByLabelText('Admin API key'), { target: { value: 'sk-proj-abcdefgh' } });
    expect(document.getElementById('key-kind')?.textContent).toMatch(/OpenAI key; add it as an OpenAI account/);
    expect(screen.getByRole('button', { name: 'Add Anthropic account' })).toBeTruthy();
  });

  it('focuses the first missing field with a plain message', async () => {
    renderWithData(<AccountsSection accounts={[]} summaries={[]} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Acme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add OpenAI account' }));
    const key = screen.getByLabelText('Admin API key');
    await waitFor(() => expect(document.activeElement).toBe(key));
    expect(screen.getByText('Paste the OpenAI admin key.')).toBeTruthy();
    expect(invoke).not.toHaveBeenCalledWith('addAccount', expect.anything());
  });

  it('a refused add keeps what was typed, key included; editing clears the refusal', async () => {
    const refusal =
      'Cannot reach api.openai.com. Check your connection. The account was not added and nothing was saved; add it again in a moment.';
    invoke.mockImplementation(async (channel, input) =>
      channel === 'addAccount'
        ? { ok: false, error: { code: 'network', message: refusal } }
        : { ok: true, value: answers(channel, input) },
    );
    renderWithData(<AccountsSection accounts={[]} summaries={[]} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Acme' } });
    fireEvent.change(screen.getByLabelText('Admin API key'), { target: { value: 'sk-admin-typedtypedtyped1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add OpenAI account' }));
    expect((await screen.findByRole('alert')).textContent).toBe(refusal);
    expect((screen.getByLabelText('Admin API key') as HTMLInputElement).value).toBe('sk-admin-typedtypedtyped1');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Acme');

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Acme Prod' } });
    await waitFor(() => expect(screen.queryByText(refusal)).toBeNull());
  });

  it('replaces a key: write-only field, refused by prefix before any call, then tested and stored; Escape returns focus', async () => {
    renderWithData(<AccountsSection accounts={[accounts[0]]} summaries={[]} />);
    const open = screen.getByRole('button', { name: 'Replace key' });
    fireEvent.click(open);
    const field = screen.getByLabelText('New admin key for Acme Prod');
    expect(field.getAttribute('type')).toBe('password');
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(field, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Replace key' })));

    fireEvent.click(screen.getByRole('button', { name: 'Replace key' }));
    fireEvent.change(screen.getByLabelText('New admin key for Acme Prod'), {
      target: { value: 'sk-proj-abcdefghijkl' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test and replace key' }));
    // Checked asynchronously (react-hook-form's resolver): the field is marked once the check has run.
    await waitFor(() =>
      expect(screen.getByLabelText('New admin key for Acme Prod').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(invoke).not.toHaveBeenCalledWith('replaceAccountKey', expect.anything());

    fireEvent.change(screen.getByLabelText('New admin key for Acme Prod'), {
      target: { value: 'sk-admin-newnewnewnew1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test and replace key' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('replaceAccountKey', {
        accountId: 'acc_openai',
        apiKey: 'sk-admin-newnewnewnew1',
      }),
    );
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/sk-admin-…new1 tested and stored/);
    await waitFor(() => expect(document.activeElement).toBe(status));
  });
});
