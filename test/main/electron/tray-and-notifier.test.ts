import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ElectronNotifier } from '../../../src/main/electron/notifier';
import { buildTrayMenuTemplate, TrayController } from '../../../src/main/electron/tray';
import type { ElectronMock } from './electron-mock';
import { costRow } from '../../support/cost-row';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

const actions = () => ({ openDashboard: vi.fn(), openSettings: vi.fn(), syncNow: vi.fn(), quit: vi.fn() });

describe('tray', () => {
  it('menu: spend lines, then Open dashboard, Settings, Sync now, Quit, each wired', () => {
    const a = actions();
    const template = buildTrayMenuTemplate({ state: 'ok', tooltip: '', lines: ['Acme: $12.00 this month'] }, a);
    const labels = template.map((item) => item.label ?? item.type);
    expect(labels).toEqual([
      'Acme: $12.00 this month',
      'separator',
      'Open dashboard',
      'Settings',
      'Sync now',
      'separator',
      'Quit Spendwatch',
    ]);
    for (const item of template) (item.click as (() => void) | undefined)?.();
    expect(a.openDashboard).toHaveBeenCalled();
    expect(a.openSettings).toHaveBeenCalled();
    expect(a.syncNow).toHaveBeenCalled();
    expect(a.quit).toHaveBeenCalled();
  });

  it('switches icon and tooltip with the state', () => {
    const tray = new TrayController((state) => `/assets/tray-${state}.png`, actions());
    const mockTray = mock.__test.trays.at(-1)!;
    expect(mockTray.image).toEqual({ path: '/assets/tray-ok.png' });
    tray.update({ state: 'over', tooltip: 'Spendwatch\nAcme: $600', lines: ['Acme: $600'] });
    expect(mockTray.image).toEqual({ path: '/assets/tray-over.png' });
    expect(mockTray.tooltip).toBe('Spendwatch\nAcme: $600');
  });
});

describe('notifier', () => {
  it('shows a native notification whose click opens the account', () => {
    const onClick = vi.fn();
    const notifier = new ElectronNotifier(onClick, '/assets/icon.png');
    notifier.notify({ id: 'a1', title: 'Acme Prod: 80% of budget', body: 'At this pace…', accountId: 'acc_1' });
    const shown = mock.__test.notifications.at(-1)!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'Acme Prod: 80% of budget', body: 'At this pace…' });
    shown.emit('click');
    expect(onClick).toHaveBeenCalledWith(expect.objectContaining({ accountId: 'acc_1' }));
  });
});

describe('an alert reaches the desktop', () => {
  it('becomes a native Notification and a tray update', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createTestSpendwatch } = await import('../../support/test-spendwatch');
    const { trayText } = await import('../../../src/main/electron/tray-text');
    const { JsonFileStore } = await import('../../../src/main/core/settings/json-file-store');
    const { FakeKeychain } = await import('../../support/fake-vault');
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-el-alert-'));
    const tray = new TrayController((state) => `/assets/tray-${state}.png`, actions());
    const opened: string[] = [];
    const core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: { now: () => new Date('2026-11-21T10:00:00Z') },
      settingsStore: new JsonFileStore(join(dataDir, 'config.json')),
      notifier: new ElectronNotifier((n) => opened.push(n.accountId), '/assets/icon.png'),
    });
    // As the app's main process does: the tray follows every data change.
    core.onEvent((event) => event === 'snapshotChanged' && tray.update(trayText(core.queries.trayFacts())));
    core.services.settings.update((s) => {
      s.accounts.push({
        id: 'acc_x',
        name: 'Acme Prod',
        provider: 'openai',
        baseUrl: 'x',
        keyHint: 'k',
        createdAt: '',
      });
    });
    core.services.history
      .load('acc_x')
      .history.replaceCosts(new Map([['2026-11-20', [costRow(null, 'x', 600_000_000)]]]));
    core.budgets.set('acc_x', { monthlyMicros: 500_000_000, thresholds: [100] });
    const shown = mock.__test.notifications.at(-1)!;
    expect(shown.options.title).toBe('Acme Prod is over budget');
    expect(shown.options.body).toMatch(/\$600\.00, 120% of its \$500\.00 November budget/);
    shown.emit('click');
    expect(opened).toEqual(['acc_x']);
    const mockTray = mock.__test.trays.at(-1)!;
    expect(mockTray.image).toEqual({ path: '/assets/tray-over.png' });
    expect(mockTray.tooltip).toMatch(/Acme Prod: \$600\.00 this month \(120% of budget\)/);
  });
});
