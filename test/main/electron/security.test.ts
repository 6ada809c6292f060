import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  guardWebContents,
  hardenSession,
  secureWebPreferences,
} from '../../../src/main/electron/security';
import { WindowManager } from '../../../src/main/electron/windows';
import { MockBrowserWindow, MockWebContents, type ElectronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

describe('window security', () => {
  it('uses isolated, sandboxed renderers without Node', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/\.cjs$/);
    expect(prefs.v8CacheOptions).toBe('bypassHeatCheck'); // with app://'s codeCache privilege: compiled once
  });

  it('opens windows with those preferences, loading the renderer by hash route, only when asked', () => {
    MockBrowserWindow.instances.length = 0;
    const windows = new WindowManager({ preload: '/app/out/preload/index.cjs', icon: '/app/assets/icon.png' });
    expect(MockBrowserWindow.instances).toHaveLength(0);
    const settings = windows.open('settings') as unknown as MockBrowserWindow;
    expect(settings.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(settings.loaded).toEqual({ url: 'app://spendwatch/index.html#/settings' });
    expect(windows.open('settings')).toBe(settings); // one window per route
    expect(windows.open('dashboard', 'account=acc_1')).toMatchObject({
      loaded: { url: 'app://spendwatch/index.html#/?account=acc_1' },
    });
  });

  it('knows its pages by exact origin: app://spendwatch, not any file that ends like index.html', () => {
    const windows = new WindowManager({ preload: '/p.cjs', icon: '/i.png' });
    expect(windows.appOrigin).toBe('app://spendwatch');
    expect(windows.isAppUrl('app://spendwatch/index.html#/settings')).toBe(true);
    for (const url of [
      'file:///app/out/renderer/index.html', // what the old suffix check accepted…
      'file://otherhost/app/out/renderer/index.html', // …including on another host
      'file:///home/me/Downloads/app/out/renderer/index.html', // …or a copy under Downloads
      'file:///etc/passwd',
      'app://spendwatch.evil/index.html',
      'app://evil/index.html',
      'app://user@spendwatch/index.html',
      'https://platform.openai.com/',
      'not a url',
    ]) {
      expect(windows.isAppUrl(url), url).toBe(false);
    }
    // With electron-vite dev, the dev server's exact origin instead.
    const dev = new WindowManager({ devUrl: 'http://localhost:5173/', preload: '/p.cjs', icon: '/i.png' });
    expect(dev.isAppUrl('http://localhost:5173/#/')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl('app://spendwatch/index.html')).toBe(false);
  });

  it('blocks navigation away from the app and opens only vetted OpenAI links externally', () => {
    const contents = new MockWebContents();
    mock.shell.openExternal.mockClear();
    guardWebContents(contents as never, new WindowManager({ preload: '/p.cjs', icon: '/i.png' }).isAppUrl);
    expect(contents.fire('will-navigate', 'app://spendwatch/index.html#/settings')).toBe(false);
    expect(contents.fire('will-navigate', 'file:///app/out/renderer/index.html#/settings')).toBe(true);
    expect(contents.fire('will-navigate', 'app://spendwatch.evil/index.html')).toBe(true);
    expect(contents.fire('will-redirect', 'app://spendwatch/index.html')).toBe(false);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'https://platform.openai.com/settings/organization/billing/overview')).toBe(
      true,
    );
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://platform.openai.com/usage' })).toEqual({ action: 'deny' });
    expect(mock.shell.openExternal.mock.calls).toEqual([
      ['https://platform.openai.com/settings/organization/billing/overview'],
      ['https://platform.openai.com/usage'],
    ]);
  });

  it('hands the browser the normalised URL from the allow-list check, never the raw string', () => {
    const contents = new MockWebContents();
    mock.shell.openExternal.mockClear();
    guardWebContents(contents as never, () => false);
    contents.windowOpenHandler!({ url: 'https://PLATFORM.OpenAI.com:443/usage?x=a b' });
    contents.fire('will-navigate', 'https://platform.openai.com/settings/../usage');
    contents.windowOpenHandler!({ url: 'https://platform.openai.com@evil.example/' });
    contents.windowOpenHandler!({ url: 'https://platform.openai.com.evil.example/' });
    expect(mock.shell.openExternal.mock.calls).toEqual([
      ['https://platform.openai.com/usage?x=a%20b'],
      ['https://platform.openai.com/usage'],
    ]);
  });

  it('sends a strict CSP header and refuses permission requests', () => {
    hardenSession(mock.session.defaultSession as never);
    const callback = vi.fn();
    mock.__test.session.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0][0].responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    const permission = vi.fn();
    mock.__test.session.permissionHandler!({}, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);
  });
});
