/**
 * The app://spendwatch/ scheme: registered privileged, serving only files under the renderer's build folder,
 * with exact-origin matching. Traversal attempts are made against a real folder with a secret file next to it.
 */
import * as electron from 'electron';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  devServerUrl,
  hasOrigin,
  originOf,
  registerAppScheme,
  resolveAppFile,
  respondFromRenderer,
  serveRenderer,
} from '../../../src/main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';
import type { ElectronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

const SECRET = 'the secret next to the renderer';
function rendererFolder() {
  const base = mkdtempSync(join(tmpdir(), 'sw-scheme-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Spendwatch</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'assets', 'secret.txt'), 'not this one either');
  return { base, root };
}

const get = (root: string, url: string, method = 'GET') => respondFromRenderer(root, { url, method });

describe('app:// scheme registration', () => {
  it('is registered as a privileged standard, secure scheme, without bypassing the CSP', () => {
    registerAppScheme(mock.protocol as never);
    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
      },
    ]);
    const privileges = (
      mock.protocol.registerSchemesAsPrivileged.mock.calls[0][0] as { privileges: Record<string, unknown> }[]
    )[0].privileges;
    expect(privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves the renderer folder through protocol.handle', async () => {
    const { root } = rendererFolder();
    serveRenderer(mock.protocol as never, root);
    const handler = mock.__test.protocolHandlers.get('app')!;
    const response = await handler(new Request('app://spendwatch/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Spendwatch</title>');
  });
});

describe('serving files', () => {
  it('serves index.html for / and files under the root with their type, the CSP and nosniff', async () => {
    const { root } = rendererFolder();
    for (const url of [
      'app://spendwatch/',
      'app://spendwatch/index.html',
      'app://spendwatch/index.html?x=1#/settings',
    ]) {
      const response = await get(root, url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const script = await get(root, 'app://spendwatch/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get(root, 'app://spendwatch/assets/style.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('answers 404 for missing files and folders, 405 for anything but GET and HEAD', async () => {
    const { root } = rendererFolder();
    expect((await get(root, 'app://spendwatch/nope.js')).status).toBe(404);
    expect((await get(root, 'app://spendwatch/assets/')).status).toBe(404);
    expect((await get(root, 'app://spendwatch/assets')).status).toBe(404);
    expect((await get(root, 'app://spendwatch/index.html', 'POST')).status).toBe(405);
    const head = await get(root, 'app://spendwatch/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses every way out of the renderer folder', async () => {
    const { base, root } = rendererFolder();
    const secret = join(base, 'secret.txt');
    const attempts = [
      'app://spendwatch/../secret.txt',
      'app://spendwatch/assets/../../secret.txt',
      'app://spendwatch/%2e%2e/secret.txt',
      'app://spendwatch/%2E%2E/%2e%2E/secret.txt',
      'app://spendwatch/.%2e/secret.txt',
      'app://spendwatch/..%2fsecret.txt',
      'app://spendwatch/%2e%2e%2fsecret.txt',
      'app://spendwatch/assets%2f..%2f..%2fsecret.txt',
      'app://spendwatch/..%5csecret.txt',
      'app://spendwatch/..\\secret.txt',
      'app://spendwatch/%2e%2e%5c%2e%2e%5csecret.txt',
      `app://spendwatch/${secret}`,
      `app://spendwatch//${secret}`,
      `app://spendwatch/${encodeURIComponent(secret)}`,
      'app://spendwatch/C:/Windows/win.ini',
      'app://spendwatch/c:%5cWindows%5cwin.ini',
      'app://spendwatch/index.html%00.js',
      'app://spendwatch/%E0%A4%A', // malformed escape
      // other origins, even ones that look like ours
      'app://evil/index.html',
      'app://spendwatch.evil/index.html',
      'app://spendwatch:8080/index.html',
      'app://user:pw@spendwatch/index.html',
      'https://spendwatch/index.html',
      `file://${join(root, 'index.html')}`,
    ];
    for (const url of attempts) {
      const file = resolveAppFile(root, url);
      // Either refused outright, or (after the URL parser removed dot segments) still inside the root.
      if (file !== null) expect(file.startsWith(join(root, '/')), url).toBe(true);
      const response = await get(root, url);
      const body = await response.text();
      expect(body, url).not.toContain(SECRET);
      expect(body, url).not.toContain('not this one either');
      expect(response.status, url).toBe(404);
    }
  });
});

describe('exact origins', () => {
  it('computes scheme://host for app: (where URL.origin is "null") and http(s)', () => {
    expect(originOf('app://spendwatch/index.html#/settings')).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('app://user@spendwatch/')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });

  it('matches the origin exactly: no prefix, suffix, port, case or scheme games', () => {
    expect(hasOrigin('app://spendwatch/index.html#/', APP_ORIGIN)).toBe(true);
    for (const url of [
      'app://spendwatch.evil/',
      'app://spendwatchx/',
      'app://spendwatch:1/',
      'app://SPENDWATCH/',
      'apps://spendwatch/',
      'https://spendwatch/',
      'file:///app/out/renderer/index.html',
      'file://otherhost/app/out/renderer/index.html',
      'app://evil/spendwatch/index.html',
    ]) {
      expect(hasOrigin(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('trusts a dev server only when unpackaged and on loopback http', () => {
    expect(devServerUrl('http://localhost:5173/', false)).toBe('http://localhost:5173/');
    expect(devServerUrl('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerUrl('http://localhost:5173/', true)).toBeUndefined();
    expect(devServerUrl('https://evil.example/', false)).toBeUndefined();
    expect(devServerUrl('http://localhost.evil.example/', false)).toBeUndefined();
    expect(devServerUrl(undefined, false)).toBeUndefined();
  });
});
