/**
 * [Electron main] Entry point and composition root of the desktop app: single instance, starts into
 * the tray, wires the core to Electron (keychain via keytar, settings via electron-store, native
 * notifications, power events) and registers IPC.
 */
import { app, dialog, ipcMain, net, powerMonitor, protocol, shell, session } from 'electron';
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../core/ports';
import { FileLog } from '../core/logging/file-log';
import { createIpcHandlers } from '../handlers/handlers';
import { ConnectivityWatcher } from '../core/sync/connectivity';
import { settingsFile } from '../core/paths';
import { createSpendwatch, type Spendwatch } from '../core/use-cases/spendwatch';
import { trayText } from './tray-text';
import { KeytarVault } from '../core/vault/keytar-vault';
import { devServerUrl, registerAppScheme, serveRenderer } from './app-protocol';
import { appIconPath, trayIconPath } from './assets';
import { ElectronStoreDocument } from './electron-store-document';
import { broadcastEvent, createSenderCheck, registerIpcHandlers } from './ipc';
import { ElectronNotifier } from './notifier';
import { hardenSession } from './security';
import { TrayController } from './tray';
import { WindowManager } from './windows';
import { alertKindInfo } from '../../shared/alert-kinds';
import { setMoneyLocale } from '../../shared/money-text';

if (process.env.SPENDWATCH_HOME) app.setPath('userData', process.env.SPENDWATCH_HOME);
// Before 'ready', as Electron requires: the renderer's app://spendwatch/ scheme.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

const isPaymentAlert = (kind: string | undefined) => alertKindInfo(kind)?.opens === 'payment-guide';

function start(): void {
  const dataDir = app.getPath('userData');
  const log = new FileLog(dataDir, 'app', systemClock);
  // Observe (not handle) crashes: Electron's own behaviour stays, and the log keeps the cause.
  process.on('uncaughtExceptionMonitor', (error) => log.error('Unexpected error in the app', error));
  process.on('unhandledRejection', (reason) => log.error('Unhandled promise rejection in the app', reason));
  // Figures in notifications, the tray and alerts read in the app's locale, like the renderer's.
  setMoneyLocale(app.getLocale());
  const noAccountsYet = !existsSync(settingsFile(dataDir));
  serveRenderer(protocol, join(import.meta.dirname, '../renderer'));
  const windows = new WindowManager({
    devUrl: devServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged),
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    icon: appIconPath(),
  });
  const trayRef: { current?: TrayController } = {};

  const core: Spendwatch = createSpendwatch({
    dataDir,
    vault: new KeytarVault(),
    settingsStore: new ElectronStoreDocument(dataDir),
    clock: systemClock,
    logger: log,
    emit: (event, payload) => broadcastEvent(windows.all(), event, payload),
    notifier: new ElectronNotifier(
      // Payment alerts open the payment guide in Settings; the others, the dashboard on that account.
      (n) =>
        isPaymentAlert(n.kind)
          ? windows.open('settings', 'section=payment-guide')
          : windows.open('dashboard', `account=${encodeURIComponent(n.accountId)}`),
      appIconPath(),
    ),
  });

  hardenSession(session.defaultSession);
  const shellActions = {
    // Receives only the normalised URL the allow-list check produced (handlers/handlers.ts).
    openExternal: (url: string) => shell.openExternal(url),
    saveFile: async (fileName: string, content: string) => {
      const result = await dialog.showSaveDialog({
        defaultPath: join(app.getPath('downloads'), fileName),
        filters: [
          fileName.endsWith('.md') ? { name: 'Markdown', extensions: ['md'] } : { name: 'CSV', extensions: ['csv'] },
        ],
      });
      if (result.canceled || !result.filePath) return null;
      await writeFile(result.filePath, content, { mode: 0o600 });
      return result.filePath;
    },
    openWindow: (route: 'dashboard' | 'settings', section?: string) => {
      windows.open(route, section ? `section=${encodeURIComponent(section)}` : '');
      return true;
    },
    setStartAtLogin: (enabled: boolean) => app.setLoginItemSettings({ openAtLogin: enabled }),
  };
  registerIpcHandlers(
    ipcMain,
    createIpcHandlers(core, shellActions),
    createSenderCheck(() => windows.all(), windows.isAppUrl),
    log,
  );

  trayRef.current = new TrayController(trayIconPath, {
    openDashboard: () => windows.open('dashboard'),
    openSettings: () => windows.open('settings'),
    syncNow: () => void core.sync.run(),
    quit: () => app.quit(),
  });
  // The tray follows every change of the data (a sync, a budget, a payment record).
  const refreshTray = () => trayRef.current?.update(trayText(core.queries.trayFacts()));
  core.onEvent((event) => {
    if (event === 'snapshotChanged') refreshTray();
  });
  refreshTray();
  core.sync.start();

  powerMonitor.on('suspend', () => core.sync.pause());
  powerMonitor.on('resume', () => core.sync.resume());
  const connectivity = new ConnectivityWatcher(
    () => net.isOnline(),
    (online) => (online ? core.sync.resume() : core.sync.pause()),
  );
  connectivity.start();
  app.on('second-instance', () => windows.open('dashboard'));
  app.on('activate', () => windows.open('dashboard'));
  // Stay in the tray when the last window closes.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    connectivity.stop();
    core.sync.stop();
    trayRef.current?.destroy();
  });

  // Until an account is added, launches show the dashboard (demo data) so a new user sees the app;
  // after that Spendwatch starts quietly in the tray.
  if (noAccountsYet || process.argv.includes('--open')) windows.open('dashboard');
}
