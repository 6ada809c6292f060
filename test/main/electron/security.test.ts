import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, guardWebContents, hardenSession, secureWebPreferences } from '../../../src/main/electron/security';
import { WindowManager } from '../../../src/main/electron/windows';
import { MockBrowserWindow, MockWebContents, type ElectronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

describe('window security', () => {
  it('uses isolated, sandboxed renderers without Node', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toMatch(/\.cjs$/);
  });

  it('opens windows with those preferences, loading the renderer by hash route, only when asked', () => {
    MockBrowserWindow.instances.length = 0;
    const windows = new WindowManager({ indexHtml: '/app/out/renderer/index.html', preload: '/app/out/preload/index.cjs', icon: '/app/assets/icon.png' });
    expect(MockBrowserWindow.instances).toHaveLength(0);
    const settings = windows.open('settings') as unknown as MockBrowserWindow;
    expect(settings.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(settings.loaded).toEqual({ file: '/app/out/renderer/index.html', options: { hash: '/settings' } });
    expect(windows.open('settings')).toBe(settings); // one window per route
    expect(windows.isAppUrl('file:///app/out/renderer/index.html#/')).toBe(true);
    expect(windows.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(windows.isAppUrl('https://platform.openai.com/')).toBe(false);
  });

  it('blocks navigation away from the app and opens only vetted OpenAI links externally', () => {
    const contents = new MockWebContents();
    mock.shell.openExternal.mockClear();
    guardWebContents(contents as never, (url) => url.startsWith('file:///app/'));
    expect(contents.fire('will-navigate', 'file:///app/out/renderer/index.html#/settings')).toBe(false);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'https://platform.openai.com/settings/organization/billing/overview')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://platform.openai.com/usage' })).toEqual({ action: 'deny' });
    expect(mock.shell.openExternal.mock.calls).toEqual([['https://platform.openai.com/settings/organization/billing/overview'], ['https://platform.openai.com/usage']]);
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
