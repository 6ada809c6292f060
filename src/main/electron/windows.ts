/**
 * [Electron main] The dashboard and settings windows. No renderer is loaded until one is opened;
 * closing a window keeps the app in the tray.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, hasOrigin, originOf } from './app-protocol';
import { guardWebContents, secureWebPreferences } from './security';

export type Route = 'dashboard' | 'settings';
const HASH: Record<Route, string> = { dashboard: '/', settings: '/settings' };

export interface RendererLocation {
  /** Dev server URL (electron-vite dev, never when packaged) or undefined for app://spendwatch/. */
  devUrl?: string;
  preload: string;
  icon: string;
}

export class WindowManager {
  private readonly windows = new Map<Route, BrowserWindow>();

  /** The one origin our pages have: app://spendwatch, or the dev server's. */
  readonly appOrigin: string;

  constructor(private readonly location: RendererLocation) {
    this.appOrigin = (location.devUrl && originOf(location.devUrl)) || APP_ORIGIN;
  }

  /** True for URLs of our own renderer: exactly our origin (not a prefix, not a path that looks like ours). */
  isAppUrl = (raw: string): boolean => hasOrigin(raw, this.appOrigin);

  all(): BrowserWindow[] {
    return [...this.windows.values()].filter((w) => !w.isDestroyed());
  }

  open(route: Route, query = ''): BrowserWindow {
    const existing = this.windows.get(route);
    if (existing && !existing.isDestroyed()) {
      if (query) void this.load(existing, route, query);
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const window = new BrowserWindow({
      width: route === 'dashboard' ? 1200 : 900,
      height: route === 'dashboard' ? 820 : 760,
      minWidth: 720,
      minHeight: 520,
      title: route === 'dashboard' ? 'Spendwatch' : 'Spendwatch — Settings',
      icon: this.location.icon,
      show: false,
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.location.preload),
    });
    guardWebContents(window.webContents, this.isAppUrl);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.windows.delete(route));
    this.windows.set(route, window);
    void this.load(window, route, query);
    return window;
  }

  private load(window: BrowserWindow, route: Route, query: string): Promise<void> {
    const hash = `${HASH[route]}${query ? `?${query}` : ''}`;
    return window.loadURL(`${this.location.devUrl ?? APP_ENTRY_URL}#${hash}`);
  }
}
