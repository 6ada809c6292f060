// @vitest-environment jsdom
/**
 * The renderer's one data layer: one snapshotChanged from main refreshes every view on screen (no view
 * subscribes on its own), a preference saved in one window reaches another through main's event alone (no
 * window event), and unchanged parts of the dashboard stay the same objects (memoised sections skip re-rendering).
 */
import { act, cleanup, fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type {
  AccountInfo,
  AccountSummary,
  AlertPreference,
  DashboardQuery,
  DashboardView,
} from '../../../src/shared/domain';
import { Dashboard } from '../../../src/renderer/dashboard/Dashboard';
import SettingsPage from '../../../src/renderer/settings/SettingsPage';
import { DataProvider } from '../../../src/renderer/lib/DataProvider';
import { createQueryClient } from '../../../src/renderer/lib/query-client';
import { useDashboard } from '../../../src/renderer/lib/hooks/useDashboard';
import { renderWithData } from '../render-with-data';

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}

const summary: AccountSummary = {
  id: 'acc_openai',
  name: 'Acme Prod',
  provider: 'openai',
  keyHint: 'sk-admin-…abcd',
  isDemo: false,
  lastSyncedAt: '2026-11-21T09:59:00.000Z',
  lastError: null,
  warning: null,
  stale: false,
  syncing: false,
  monthToDateMicros: 10_000_000,
  todayMicros: 1_000_000,
  forecastMicros: 20_000_000,
  budget: null,
  budgetUsedPercent: null,
  budgetState: null,
  dataSince: '2025-01-01',
};

const account: AccountInfo = {
  id: 'acc_openai',
  name: 'Acme Prod',
  provider: 'openai',
  keyHint: 'sk-admin-…abcd',
  baseUrl: 'https://api.openai.com/v1',
  createdAt: '2026-01-01T00:00:00.000Z',
} as AccountInfo;

function view(mtdMicros: number, query: Partial<DashboardQuery> = {}): DashboardView {
  return {
    generatedAt: '2026-11-21T10:00:00.000Z',
    today: '2026-11-21',
    currency: 'usd',
    isDemo: false,
    accounts: [summary],
    query: { accountId: 'all', range: '30d', groupBy: 'model', ...query },
    kpis: {
      monthToDateMicros: mtdMicros,
      todayMicros: 1_000_000,
      forecastMicros: 20_000_000,
      budgetMicros: null,
      budgetUsedPercent: null,
      budgetState: null,
      lastSyncedAt: '2026-11-21T09:59:00.000Z',
      otherCurrencies: [],
    },
    daily: {
      bucket: 'day',
      series: [{ key: 'gpt-4o', label: 'gpt-4o' }],
      points: [
        { day: query.range === '7d' ? '2026-11-15' : '2026-10-23', totalMicros: 5_000_000, values: { 'gpt-4o': 5 } },
      ],
    },
    byProject: [{ key: 'proj_a', name: 'Search', micros: 8_000_000 }],
    byLineItem: [],
    byModel: [],
    monthBreakdown: {
      projects: [{ key: 'proj_a', name: 'Search', micros: 8_000_000, previousMicros: 5_000_000 }],
      lineItems: [],
    },
    monthProgress: {
      budgetMicros: null,
      points: [{ day: '2026-11-20', actualMicros: 5_000_000, projectedMicros: null }],
    },
    usage: { bucket: 'day', models: [], points: [] },
    paymentNotices: [],
    monthly: [
      { month: '2026-11', totalMicros: 10_000_000, byProject: [], byLineItem: [] },
      { month: '2026-10', totalMicros: 9_000_000, byProject: [], byLineItem: [] },
    ],
    dataSince: '2025-01-01',
  };
}

/** A fake main: answers every window's calls from one state, and announces what changes, as the real one does. */
function fakeMain() {
  const sinks: ((event: string, payload: unknown) => void)[] = [];
  const state = {
    mtdMicros: 10_000_000,
    alertPreferences: {} as Record<string, AlertPreference>,
  };
  const announce = (reason: string) => sinks.forEach((sink) => sink('snapshotChanged', { reason, at: 'now' }));
  const invoke = vi.fn(async (channel: string, input: unknown): Promise<unknown> => {
    const ok = (value: unknown) => ({ ok: true, value });
    switch (channel) {
      case 'getDashboard':
        return ok(view(state.mtdMicros, input as DashboardQuery));
      case 'listAlerts':
        return ok({ alerts: [], unread: 0 });
      case 'getBillingStatuses':
        return ok([]);
      case 'listAccounts':
        return ok([account]);
      case 'getPayments':
        return ok({
          methods: [],
          accounts: [],
          localToday: '2026-11-21',
          utcToday: '2026-11-21',
          expiryAlertDays: [30, 7],
          checklist: [],
          events: [],
        });
      case 'getPreferences':
        return ok({
          general: { pollMinutes: 15, startAtLogin: false, notifications: true, theme: 'system' },
          pollMinutes: 15,
          spikeFloorMicros: 0,
          budgets: {},
          alertPreferences: state.alertPreferences,
        });
      case 'getSpendControls':
        return ok({ accountId: 'acc_openai', scopes: [], warning: null, readOnly: false });
      case 'listWebhooks':
        return ok([]);
      case 'setAlertPreference': {
        const { kind, preference } = input as { kind: string; preference: AlertPreference };
        state.alertPreferences = { ...state.alertPreferences, [kind]: preference };
        announce('settings');
        return ok({ kind, preference });
      }
      default:
        return ok({});
    }
  });
  window.spendwatch = createBridge({ invoke, onEvent: (sink) => void sinks.push(sink) });
  const callsTo = (channel: string) => invoke.mock.calls.filter(([c]) => c === channel);
  return { state, invoke, announce, callsTo };
}

describe('one data layer', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', ResizeObserverStub);
    window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    window.location.hash = '';
    sessionStorage.clear();
  });

  it('refreshes every view on the dashboard from one snapshotChanged: figures, alerts and billing statuses', async () => {
    const main = fakeMain();
    renderWithData(<Dashboard />);
    expect((await screen.findByTestId('kpi-mtd')).textContent).toBe('$10.00');
    await screen.findByRole('region', { name: 'Billing history' });
    await waitFor(() => expect(main.callsTo('getBillingStatuses')).toHaveLength(1));
    const before = ['getDashboard', 'listAlerts', 'getBillingStatuses'].map((c) => main.callsTo(c).length);
    expect(before).toEqual([1, 1, 1]);

    main.state.mtdMicros = 12_000_000;
    act(() => main.announce('sync'));
    await waitFor(() => expect(screen.getByTestId('kpi-mtd').textContent).toBe('$12.00'));
    await waitFor(() =>
      expect(['getDashboard', 'listAlerts', 'getBillingStatuses'].map((c) => main.callsTo(c).length)).toEqual([
        2, 2, 2,
      ]),
    );
  });

  it('refreshes every settings view from one snapshotChanged, and reads spend controls as Spendwatch knows them', async () => {
    const main = fakeMain();
    window.location.hash = '#/settings?section=budgets';
    renderWithData(<SettingsPage />);
    await screen.findByRole('heading', { name: 'OpenAI spend controls' });
    const channels = ['listAccounts', 'getPayments', 'getPreferences', 'getDashboard', 'getSpendControls'];
    const counts = () => channels.map((c) => main.callsTo(c).length);
    await waitFor(() => expect(counts().every((n) => n > 0)).toBe(true));
    // Shown in Settings: OpenAI was asked first.
    expect(main.callsTo('getSpendControls')).toHaveLength(1);
    expect(main.callsTo('getSpendControls')[0][1]).toEqual({ accountId: 'acc_openai', refresh: true });
    await new Promise((r) => setTimeout(r, 50)); // every view has loaded
    const before = counts();

    act(() => main.announce('accounts'));
    await waitFor(() => expect(counts()).toEqual(before.map((n) => n + 1)));
    // A refetch because main announced a change asks OpenAI nothing.
    expect(main.callsTo('getSpendControls')[1][1]).toEqual({ accountId: 'acc_openai', refresh: false });
  });

  it('shows a preference saved in one window in another, from main’s announcement alone (no window event)', async () => {
    const main = fakeMain();
    const dispatched = vi.spyOn(window, 'dispatchEvent');
    window.location.hash = '#/settings?section=budgets';
    // Two windows: each its own cache and listener, as each Electron window has.
    const first = renderWithData(<SettingsPage />, createQueryClient());
    const second = renderWithData(<SettingsPage />, createQueryClient());
    // One kind's own quiet hours (one save); the setting for every alert saves each kind.
    const quiet = (root: HTMLElement) =>
      within(root).getByRole('checkbox', { name: 'Quiet hours for Unusual spend (spikes)' });
    await waitFor(() => expect(quiet(first.container)).toBeTruthy());
    await waitFor(() => expect(quiet(second.container)).toBeTruthy());
    expect((quiet(second.container) as HTMLInputElement).checked).toBe(false);

    fireEvent.click(quiet(first.container));
    await waitFor(() => expect(main.callsTo('setAlertPreference')).toHaveLength(1));
    await waitFor(() => expect((quiet(second.container) as HTMLInputElement).checked).toBe(true));
    expect((quiet(first.container) as HTMLInputElement).checked).toBe(true);
    expect(dispatched.mock.calls.map(([event]) => event.type)).not.toContain('spendwatch:prefs');
  });

  it('keeps the parts of the dashboard that did not change the same objects, across a refetch and a range switch', async () => {
    const main = fakeMain();
    const client = createQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <DataProvider client={client}>{children}</DataProvider>;
    const { result, rerender } = renderHook((q: DashboardQuery) => useDashboard(q), {
      wrapper,
      initialProps: { accountId: 'all', range: '30d', groupBy: 'model' },
    });
    await waitFor(() => expect(result.current.view).not.toBeNull());
    const first = result.current.view!;

    // A snapshot change that moves only the month's figure: every other part is the same object.
    main.state.mtdMicros = 11_000_000;
    act(() => main.announce('sync'));
    await waitFor(() => expect(result.current.view?.kpis.monthToDateMicros).toBe(11_000_000));
    const refetched = result.current.view!;
    expect(refetched).not.toBe(first);
    expect(refetched.monthBreakdown).toBe(first.monthBreakdown);
    expect(refetched.monthly).toBe(first.monthly);
    expect(refetched.daily).toBe(first.daily);

    // The range switched: the chart's days differ, the month's breakdown and billing history do not.
    rerender({ accountId: 'all', range: '7d', groupBy: 'model' });
    await waitFor(() => expect(result.current.view?.query.range).toBe('7d'));
    const switched = result.current.view!;
    expect(switched.daily).not.toEqual(refetched.daily);
    expect(switched.monthBreakdown).toBe(refetched.monthBreakdown);
    expect(switched.monthly).toBe(refetched.monthly);
    expect(switched.accounts).toBe(refetched.accounts);
  });
});
