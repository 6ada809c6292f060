/**
 * [Electron main] The dashboard and settings windows. No renderer is loaded until one is opened;
 * closing a window keeps the app in the tray.
 */
import { BrowserWindow } from 'electron';
import { guardWebContents, secureWebPreferences } from './security';

export type Route = 'dashboard' | 'settings';
const HASH: Record<Route, string> = { dashboard: '/', settings: '/settings' };

export interface RendererLocation {
  /** Dev server URL (electron-vite dev) or undefined to load the built file. */
  devUrl?: string;
  indexHtml: string;
  preload: string;
  icon: string;
}

export class WindowManager {
  private readonly windows = new Map<Route, BrowserWindow>();

  constructor(private readonly location: RendererLocation) {}

  /** True for URLs of our own renderer (file or dev server). */
  isAppUrl = (raw: string): boolean => {
    try {
      const url = new URL(raw);
      if (this.location.devUrl) return url.origin === new URL(this.location.devUrl).origin;
      return url.protocol === 'file:' && decodeURIComponent(url.pathname).endsWith(this.location.indexHtml.replace(/\\/g, '/'));
    } catch {
      return false;
    }
  };

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
    if (this.location.devUrl) return window.loadURL(`${this.location.devUrl}#${hash}`);
    return window.loadFile(this.location.indexHtml, { hash });
  }
}
