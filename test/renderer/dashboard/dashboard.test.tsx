// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { DashboardView } from '../../../src/shared/domain';
import { Dashboard } from '../../../src/renderer/dashboard/Dashboard';
import { DEFAULT_GROUP_BY, DEFAULT_RANGE } from '../../../src/renderer/dashboard/defaults';
import { prefetchDashboard } from '../../../src/renderer/lib/hooks/prefetch';
import { renderWithData } from '../render-with-data';

// recharts measures its container; jsdom has no layout.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}

function view(overrides: Partial<DashboardView> = {}): DashboardView {
  return {
    generatedAt: '2026-11-21T10:00:00.000Z',
    today: '2026-11-21',
    currency: 'usd',
    isDemo: true,
    accounts: [],
    query: { accountId: 'all', range: '30d', groupBy: 'model' },
    kpis: {
      monthToDateMicros: 710_354_321,
      todayMicros: 7_060_000,
      forecastMicros: 1_041_480_000,
      budgetMicros: null,
      budgetUsedPercent: null,
      budgetState: null,
      lastSyncedAt: '2026-11-21T09:59:00.000Z',
      otherCurrencies: [],
    },
    daily: {
      bucket: 'day',
      series: [{ key: 'gpt-4o', label: 'gpt-4o' }],
      points: [{ day: '2026-11-20', totalMicros: 5_000_000, values: { 'gpt-4o': 5_000_000 } }],
    },
    byProject: [],
    byLineItem: [],
    byModel: [],
    monthBreakdown: {
      projects: [
        { key: 'proj_web', name: 'Web app', micros: 600_000_000, previousMicros: 500_000_000 },
        { key: 'proj_bot', name: 'Support bot', micros: 110_354_321, previousMicros: 0 },
      ],
      lineItems: [],
    },
    monthProgress: {
      budgetMicros: null,
      points: [{ day: '2026-11-20', actualMicros: 5_000_000, projectedMicros: null }],
    },
    usage: { bucket: 'day', models: [], points: [] },
    paymentNotices: [],
    monthly: [
      {
        month: '2026-11',
        totalMicros: 710_354_321,
        byProject: [{ key: 'proj_web', name: 'Web app', micros: 600_000_000 }],
        byLineItem: [],
      },
      { month: '2026-10', totalMicros: 1_000_000_000, byProject: [], byLineItem: [] },
    ],
    ...overrides,
  };
}

describe('Dashboard', () => {
  let sink: (event: string, payload: unknown) => void;
  let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
  /** Queued answers to getDashboard calls; the default view otherwise. */
  let dashboards: unknown[];
  const dashboardCalls = () => invoke.mock.calls.filter(([channel]) => channel === 'getDashboard').length;

  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', ResizeObserverStub);
    dashboards = [];
    invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async (channel) => {
      if (channel === 'listAlerts') return { ok: true, value: { alerts: [], unread: 0 } };
      return dashboards.shift() ?? { ok: true, value: view() };
    });
    window.spendwatch = createBridge({ invoke, onEvent: (s) => (sink = s) });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('paints the figures in its first render when the prefetched view has already arrived, and asks main once', async () => {
    prefetchDashboard({ accountId: 'all', range: DEFAULT_RANGE, groupBy: DEFAULT_GROUP_BY });
    await new Promise((r) => setTimeout(r, 0)); // the answer arrives while the renderer starts
    renderWithData(<Dashboard />);
    // No skeleton first: the figures are in the very first render.
    expect(screen.getByTestId('kpi-mtd').textContent).toBe('$710.35');
    await new Promise((r) => setTimeout(r, 50));
    expect(dashboardCalls()).toBe(1);
  });

  it('uses the prefetched request still on its way, and asks main once', async () => {
    prefetchDashboard({ accountId: 'all', range: DEFAULT_RANGE, groupBy: DEFAULT_GROUP_BY });
    renderWithData(<Dashboard />);
    expect((await screen.findByTestId('kpi-mtd')).textContent).toBe('$710.35');
    await new Promise((r) => setTimeout(r, 50));
    expect(dashboardCalls()).toBe(1);
  });

  it('shows month to date, today, forecast, the demo badge and no budget', async () => {
    renderWithData(<Dashboard />);
    expect((await screen.findByTestId('kpi-mtd')).textContent).toBe('$710.35');
    expect(screen.getByText('$7.06')).toBeTruthy();
    expect(screen.getByText('$1,041.48')).toBeTruthy();
    expect(screen.getByText('Demo data')).toBeTruthy();
    expect(screen.getByText('No budget set')).toBeTruthy();
    // The charts are a lazy chunk: on a busy machine they take longer than findByText's default second.
    expect(await screen.findByText(/UTC days, as OpenAI bills them/, undefined, { timeout: 15_000 })).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('getDashboard', { accountId: 'all', range: '30d', groupBy: 'model' });
  });

  it('shows costs billed in another currency apart from the dollar figures', async () => {
    const base = view();
    dashboards.push({
      ok: true,
      value: view({ kpis: { ...base.kpis, otherCurrencies: [{ currency: 'eur', micros: 2_100_000 }] } }),
    });
    renderWithData(<Dashboard />);
    expect((await screen.findByTestId('kpi-mtd')).textContent).toBe('$710.35');
    expect(screen.getByTestId('kpi-other-currency').textContent).toBe('Also €2.10 billed in EUR, not included');
  });

  it('asks main again when the range changes and when main says the snapshot changed (no polling)', async () => {
    renderWithData(<Dashboard />);
    await screen.findByTestId('kpi-mtd');
    fireEvent.click(await screen.findByRole('button', { name: '7 days' }));
    await waitFor(() =>
      expect(invoke).toHaveBeenLastCalledWith('getDashboard', { accountId: 'all', range: '7d', groupBy: 'model' }),
    );
    const calls = dashboardCalls();
    dashboards.push({ ok: true, value: view({ kpis: { ...view().kpis, monthToDateMicros: 800_000_000 } }) });
    sink('snapshotChanged', { reason: 'sync', at: 'now' });
    await waitFor(() => expect(screen.getByTestId('kpi-mtd').textContent).toBe('$800.00'));
    expect(dashboardCalls()).toBe(calls + 1);
  });

  it('shows a table alternative of the daily chart with exact amounts', async () => {
    renderWithData(<Dashboard />);
    await screen.findByTestId('daily-chart');
    fireEvent.click(screen.getAllByRole('button', { name: 'Show as table' })[0]);
    const table = screen.getByRole('table', { name: 'Daily spend by UTC day' });
    expect(table.textContent).toContain('2026-11-20');
    expect(table.textContent).toContain('$5.00');
  });

  it('reads series named like object fields ("day", "constructor") as series, in the chart table too', async () => {
    // Model names come from the provider: a hostile or odd one must neither overwrite a chart row's own fields
    // nor read an inherited property as an amount.
    const daily = {
      bucket: 'day' as const,
      series: [
        { key: 'day', label: 'day' },
        { key: 'constructor', label: 'constructor' },
      ],
      points: [{ day: '2026-11-20', totalMicros: 5_000_000, values: { day: 5_000_000 } }],
    };
    dashboards.push({ ok: true, value: view({ daily }) });
    renderWithData(<Dashboard />);
    await screen.findByTestId('daily-chart');
    fireEvent.click(screen.getAllByRole('button', { name: 'Show as table' })[0]);
    const row = screen.getByRole('row', { name: /2026-11-20/ });
    expect([...row.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
      '2026-11-20',
      '$5.00',
      '$0.00',
      '$5.00',
    ]);
  });

  it('reads usage models named like object fields as models, in the usage table too', async () => {
    const usage = {
      bucket: 'day' as const,
      models: ['day', 'constructor'],
      points: [{ day: '2026-11-20', tokens: { day: 1500 }, requests: { day: 3 } }],
    };
    dashboards.push({ ok: true, value: view({ usage }) });
    renderWithData(<Dashboard />);
    await screen.findByTestId('usage-chart');
    const buttons = screen.getAllByRole('button', { name: 'Show as table' });
    fireEvent.click(buttons[buttons.length - 1]);
    const table = screen.getByRole('table', { name: 'Daily tokens by model' });
    const row = [...table.querySelectorAll('tbody tr')].find((r) => r.textContent?.includes('2026-11-20'))!;
    expect([...row.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
      '2026-11-20',
      (1500).toLocaleString(),
      '0',
    ]);
  });

  it('shows breakdowns with share and month-over-month change, and billing history rows that expand', async () => {
    renderWithData(<Dashboard />);
    await screen.findByTestId('kpi-mtd');
    // The breakdowns follow the first paint of the figures (they start below the fold).
    const projects = await screen.findByRole('region', { name: 'Top projects this month' });
    expect(projects.textContent).toMatch(/Web app\$600\.00 84\.5%\+20%/);
    expect(projects.textContent).toMatch(/Support bot.*new/);
    // The billing history follows the first paint of the figures (it is below them).
    const history = await screen.findByRole('region', { name: 'Billing history' });
    expect(history.textContent).toMatch(/November 2026 \(to date\)\$710\.35\+42\.1% vs same days/);
    fireEvent.click(screen.getByRole('button', { name: 'Show details for November 2026' }));
    expect(history.textContent).toMatch(/By projectWeb app \$600\.00/);
  });

  it('shows an error with a retry when main answers with an error', async () => {
    dashboards.push({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    renderWithData(<Dashboard />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/disk on fire/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('shows a banner when a damaged local file was repaired', async () => {
    const message =
      'The settings file /home/u/.config/Spendwatch/config.json was damaged (it is not valid JSON). It was moved to …corrupt-2026 and the last good copy was restored.';
    dashboards.push({ ok: true, value: view({ stateNotices: [{ at: '2026-11-21T09:00:00.000Z', message }] }) });
    renderWithData(<Dashboard />);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Local data');
    expect(banner.textContent).toContain('last good copy was restored');
  });
});
