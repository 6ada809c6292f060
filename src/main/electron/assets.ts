/** [Electron main] Paths to bundled icons: assets/ in development, resources/assets when packaged. */
import { app } from 'electron';
import { join } from 'node:path';
import type { TrayState } from '../../shared/domain';

function assetsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets');
}

export function trayIconPath(state: TrayState): string {
  return join(assetsDir(), `tray-${state}.png`);
}

export function appIconPath(): string {
  return join(assetsDir(), 'icon.png');
}
