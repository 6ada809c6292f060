/**
 * Where Spendwatch keeps its data: the same folder Electron's app.getPath('userData') gives for
 * "Spendwatch", so the CLI and the desktop app share it. SPENDWATCH_HOME overrides it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_NAME = 'Spendwatch';

export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (env.SPENDWATCH_HOME) return env.SPENDWATCH_HOME;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export const settingsFile = (dataDir: string): string => join(dataDir, 'config.json');
export const historyDir = (dataDir: string): string => join(dataDir, 'history');
