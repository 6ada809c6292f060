// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { AccountSummary, DashboardView } from '../../../src/shared/domain';
import { Dashboard } from '../../../src/renderer/dashboard/Dashboard';
import { renderWithData } from '../render-with-data';

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}

const account = (overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id: 'acc_1',
  name: 'Acme Prod',
  provider: 'openai',
  keyHint: 'sk-admin-…abcd',
  isDemo: false,
  lastSyncedAt: '2026-11-21T09:59:00.000Z',
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
  ...overrides,
});

function view(overrides: Partial<DashboardView> = {}): DashboardView {
  return {
    generatedAt: '2026-11-21T10:00:00.000Z',
    today: '2026-11-21',
    currency: 'usd',
    isDemo: false,
    accounts: [account()],
    query: { accountId: 'all', range: '30d', groupBy: 'model' },
    kpis: {
      monthToDateMicros: 10_000_000,
      todayMicros: 1_000_000,
      forecastMicros: 20_000_000,
      budgetMicros: null,
      budgetUsedPercent: null,
      budgetState: null,
      lastSyncedAt: '2026-11-21T09:59:00.000Z',
      otherCurrencies: [],
    },
    // The daily chart ranks by cost (o3 first, then two models, then Other); the usage chart ranks by tokens.
    daily: {
      bucket: 'day',
      series: [
        { key: 'o3', label: 'o3' },
        { key: 'gpt-4o', label: 'gpt-4o' },
        { key: '__other__', label: 'Other' },
      ],
      points: [
        {
          day: '2026-11-20',
          totalMicros: 6_000_000,
          values: { o3: 3_000_000, 'gpt-4o': 2_000_000, __other__: 1_000_000 },
        },
      ],
    },
    byProject: [],
    byLineItem: [],
    byModel: [
      { key: 'o3', name: 'o3', micros: 3_000_000 },
      { key: 'gpt-4o', name: 'gpt-4o', micros: 2_000_000 },
      { key: 'gpt-4o-mini', name: 'gpt-4o-mini', micros: 600_000 },
      { key: 'whisper-1', name: 'whisper-1', micros: 400_000 },
    ],
    monthBreakdown: { projects: [], lineItems: [] },
    monthProgress: {
      budgetMicros: null,
      points: [{ day: '2026-11-20', actualMicros: 5_000_000, projectedMicros: null }],
    },
    usage: {
      bucket: 'day',
      models: ['gpt-4o-mini', 'gpt-4o', 'o3', 'whisper-1'],
      points: [{ day: '2026-11-20', tokens: { 'gpt-4o-mini': 9, 'gpt-4o': 5, o3: 3, 'whisper-1': 1 }, requests: {} }],
    },
    paymentNotices: [],
    monthly: [],
    dataSince: '2025-01-01',
    ...overrides,
  };
}

describe('Dashboard states and colours', () => {
  let next: DashboardView;
  const openWindow = vi.fn();

  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', ResizeObserverStub);
    next = view();
    openWindow.mockReset();
    const invoke = vi.fn(async (channel: string, input: unknown) => {
      if (channel === 'listAlerts') return { ok: true, value: { alerts: [], unread: 0 } };
      if (channel === 'getBillingStatuses') return { ok: true, value: [] };
      if (channel === 'openWindow') {
        openWindow(input);
        return { ok: true, value: { opened: true } };
      }
      return { ok: true, value: next };
    });
    window.spendwatch = createBridge({ invoke, onEvent: () => undefined });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const swatchColours = (list: HTMLElement) =>
    Object.fromEntries(
      within(list)
        .getAllByRole('listitem')
        .map((li) => [li.textContent, (li.querySelector('.swatch') as HTMLElement).style.background]),
    );

  it('gives each model one colour in every chart, whatever its rank, and names what "Other" folds', async () => {
    renderWithData(<Dashboard />);
    const daily = await screen.findByRole('list', { name: 'Series' }, { timeout: 15_000 });
    const usage = screen.getByRole('list', { name: 'Models' });
    const inDaily = swatchColours(daily);
    const inUsage = swatchColours(usage);
    expect(Object.keys(inDaily)).toEqual(['o3', 'gpt-4o', 'Other (2 models)']);
    expect(inDaily.o3).toBe(inUsage.o3);
    expect(inDaily['gpt-4o']).toBe(inUsage['gpt-4o']);
    expect(new Set(Object.values(inUsage)).size).toBe(4);
    expect(screen.getByRole('button', { name: 'Show all 4 models' })).toBeTruthy();
  });

  it('says "Not synced yet" instead of $0.00 and "Last updated never" before the first sync, with the backfill under way', async () => {
    next = view({
      accounts: [account({ lastSyncedAt: null, syncing: true })],
      kpis: { ...view().kpis, monthToDateMicros: 0, todayMicros: 0, forecastMicros: null, lastSyncedAt: null },
    });
    renderWithData(<Dashboard />);
    expect((await screen.findByTestId('kpi-mtd')).textContent).toBe('Not synced yet');
    expect(screen.queryByText(/\$0\.00/)).toBeNull();
    expect(screen.queryByText(/Last updated never/)).toBeNull();
    expect(screen.getByText('First sync in progress')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(
      /Acme Prod has not synced yet: the first sync is fetching 12 months of history/,
    );
  });

  it('turns an error into a Fix in Settings link and a vetted link to OpenAI, and leaves other URLs as text', async () => {
    next = view({
      accounts: [
        account({
          lastError: {
            code: 'invalid_key',
            message:
              'The key was revoked: see https://platform.openai.com/settings/organization/admin-keys or https://evil.example/x.',
          },
          stale: true,
        }),
      ],
    });
    renderWithData(<Dashboard />);
    const banner = await screen.findByRole('alert');
    const fix = within(banner).getByRole('link', { name: 'Fix in Settings' });
    expect(fix.getAttribute('href')).toBe('#/settings?section=accounts');
    fix.click();
    expect(openWindow).toHaveBeenCalledWith({ route: 'settings', section: 'accounts' });
    expect(
      within(banner).getByRole('link', { name: 'https://platform.openai.com/settings/organization/admin-keys' }),
    ).toBeTruthy();
    expect(within(banner).queryByRole('link', { name: /evil/ })).toBeNull();
    expect(banner.textContent).toContain('https://evil.example/x');
    expect(within(banner).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('offers "Connect your OpenAI organization" on the demo, opening Settings', async () => {
    next = view({ isDemo: true, accounts: [account({ id: 'demo', isDemo: true })] });
    renderWithData(<Dashboard />);
    const connect = await screen.findByRole('link', { name: 'Connect your OpenAI organization' });
    expect(connect.getAttribute('href')).toBe('#/settings?section=accounts');
    connect.click();
    expect(openWindow).toHaveBeenCalledWith({ route: 'settings', section: 'accounts' });
  });

  it('shows one banner area: the failed sync first, in words, its raw cause behind a disclosure, the rest counted inside it', async () => {
    next = view({
      accounts: [
        account({
          lastError: {
            code: 'offline',
            message:
              'Spendwatch could not reach OpenAI. Check your internet connection or proxy; Spendwatch will try again automatically.',
            detail: 'Cannot reach 127.0.0.1:45763 (ECONNREFUSED).',
          },
          stale: true,
        }),
        account({ id: 'acc_2', name: 'Research', stale: true, lastSyncedAt: '2026-11-21T06:00:00.000Z' }),
      ],
      paymentNotices: [{ methodId: 'pm_1', severity: 'warning', message: 'Visa •••• 4242 expires in 20 days.' }],
      stateNotices: [
        { at: '2026-11-21T09:00:00.000Z', message: 'alerts.json was damaged; the last good copy was restored.' },
      ],
    });
    renderWithData(<Dashboard />);
    const area = await screen.findByTestId('banner-area');
    const banners = area.querySelectorAll('.banner');
    expect(banners).toHaveLength(1);
    const banner = within(area).getByRole('alert');
    expect(banner.textContent).toMatch(
      /^Acme Prod: Spendwatch could not reach OpenAI\. Check your internet connection/,
    );
    // The host and system code are not the sentence; they are in the closed "Technical details".
    const detail = within(banner).getByText('Technical details').closest('details')!;
    expect(detail.open).toBe(false);
    expect(detail.textContent).toContain('Cannot reach 127.0.0.1:45763 (ECONNREFUSED).');
    const more = within(banner).getByText('3 more notices').closest('details')!;
    const items = within(more)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toContain('Local data');
    expect(items[1]).toContain('Research last synced');
    expect(items[2]).toContain('Visa •••• 4242 expires in 20 days.');
    expect(within(banner).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('says "as of" above muted figures after a failed sync, and names the account in "updated"', async () => {
    next = view({
      accounts: [
        account({
          lastError: { code: 'timeout', message: 'OpenAI did not answer within 30 s.' },
          stale: true,
          lastSyncedAt: '2026-11-20T22:15:00.000Z',
        }),
      ],
    });
    renderWithData(<Dashboard />);
    const asOf = await screen.findByTestId('as-of');
    expect(asOf.textContent).toMatch(
      /^Out of date Figures as of .+ your time \(UTC day Nov 20: nothing since is counted\): the last sync of Acme Prod failed\.$/,
    );
    // The key figures come after it: styles.css mutes everything after the "as of" line.
    expect(asOf.nextElementSibling?.getAttribute('aria-label')).toBe('Key figures');
    expect(screen.getByTestId('last-updated').textContent).toMatch(/^Acme Prod updated /);
  });

  it('says nothing is out of date when every account synced recently, and names the oldest update on All accounts', async () => {
    next = view({
      accounts: [
        account(),
        account({ id: 'acc_2', name: 'Research', provider: 'anthropic', lastSyncedAt: '2026-11-21T09:30:00.000Z' }),
      ],
    });
    renderWithData(<Dashboard />);
    await screen.findByTestId('kpi-mtd');
    expect(screen.queryByTestId('as-of')).toBeNull();
    expect(screen.queryByTestId('banner-area')).toBeNull();
    expect(screen.getByTestId('last-updated').textContent).toMatch(/^Oldest update: Research, /);
    // One link per provider, each its own list item: they never run together into one line of text.
    const footer = screen.getByRole('list', { name: 'Provider consoles' });
    expect(
      within(footer)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Open OpenAI usage page', 'Open Anthropic usage page']);
  });

  it('on All accounts, says whose figures are old when only one account failed', async () => {
    next = view({
      accounts: [
        account({ lastError: { code: 'offline', message: 'Spendwatch could not reach OpenAI.' }, stale: true }),
        account({ id: 'acc_2', name: 'Research', provider: 'anthropic' }),
      ],
    });
    renderWithData(<Dashboard />);
    const asOf = await screen.findByTestId('as-of');
    expect(asOf.textContent).toMatch(
      /the last sync of Acme Prod failed\. The other accounts are up to date; the totals include both\.$/,
    );
  });
});
