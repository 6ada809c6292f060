/**
 * [Electron main] Window hardening: secure webPreferences, a strict CSP, no navigation away from the
 * app's exact origin, no new windows; vetted links (shared/links.ts) go to the system browser instead.
 */
import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { vetExternalUrl } from '../../shared/links';

/** @internal Exported for tests. */
export { CONTENT_SECURITY_POLICY };

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // The code cache (app:// has the codeCache privilege) is written on a script's first run, not its third:
    // a tray app opens its windows a few times a day, so waiting for "hot" scripts would rarely pay off.
    v8CacheOptions: 'bypassHeatCheck',
    devTools: process.env.NODE_ENV === 'development',
  };
}

/** Opens a URL in the system browser only if it passes the allow-list, and then the normalised URL it produced. */
async function openVettedExternal(url: string): Promise<boolean> {
  const vetted = vetExternalUrl(url);
  if (!vetted) return false;
  await shell.openExternal(vetted);
  return true;
}

/**
 * Blocks navigation and redirects to anything but the app's exact origin (isAppUrl) and every window.open;
 * vetted links open externally instead.
 */
export function guardWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openVettedExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openVettedExternal(url);
    return { action: 'deny' };
  });
}

/** Adds the CSP header to every response and refuses every permission request (camera, etc.). */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
