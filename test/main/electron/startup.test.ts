/**
 * The desktop app's start-up with a mocked electron: it starts into the tray, loads no renderer until a
 * window is opened (once an account exists), registers every IPC channel, and hardens the session.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/ipc-contract';
import type { MockBrowserWindow, ElectronMock } from './electron-mock';

/** electron-store as it behaves with clearInvalidConfig: false: throws at construction on a damaged file. */
async function fileBackedStore() {
  const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
  return {
    default: class {
      private readonly path: string;
      constructor(options: { cwd: string; name: string }) {
        this.path = join(options.cwd, `${options.name}.json`);
        if (existsSync(this.path)) JSON.parse(readFileSync(this.path, 'utf8'));
      }
      get store(): Record<string, unknown> {
        return existsSync(this.path) ? JSON.parse(readFileSync(this.path, 'utf8')) : {};
      }
      set store(value: Record<string, unknown>) {
        writeFileSync(this.path, JSON.stringify(value, null, '\t'));
      }
    },
  };
}

async function startApp(dataDir: string, realStore = false) {
  vi.resetModules();
  let mock!: ElectronMock;
  vi.doMock('electron', async () => {
    mock = (await import('./electron-mock')).createElectronMock();
    mock.app.whenReady.mockReturnValue(Promise.resolve());
    mock.app.getPath.mockReturnValue(dataDir);
    return mock;
  });
  // electron-store loads the real electron package; a small in-memory stand-in keeps this test in Node.
  vi.doMock('electron-store', () =>
    realStore
      ? fileBackedStore()
      : {
          default: class {
            store: Record<string, unknown> = {};
          },
        },
  );
  await import('../../../src/main/electron/main');
  await new Promise((r) => setTimeout(r, 20));
  return { mock, windows: (mock.BrowserWindow as typeof MockBrowserWindow).instances };
}

describe('desktop start-up', () => {
  afterEach(() => {
    vi.doUnmock('electron');
    vi.doUnmock('electron-store');
  });

  it('with an account configured: tray only, no window, every IPC channel registered, session hardened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-start-'));
    writeFileSync(join(dataDir, 'config.json'), '{}');
    const { mock, windows } = await startApp(dataDir);
    expect(mock.__test.trays).toHaveLength(1);
    expect(windows).toHaveLength(0);
    expect(mock.__test.ipcHandlers.size).toBe(CHANNEL_NAMES.length);
    expect(mock.__test.session.headersListener).toBeTypeOf('function');
    // The app:// scheme: privileged before ready, served once ready.
    const registered = mock.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0];
    expect(registered).toBeLessThan(mock.app.whenReady.mock.invocationCallOrder[0]);
    expect(mock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const serve = mock.__test.protocolHandlers.get('app')!;
    expect((await serve(new Request('app://spendwatch/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    // The tray's "Open dashboard" opens the first window, securely.
    const menu = (mock.__test.trays[0].menu as { template: { label?: string; click?: () => void }[] }).template;
    menu.find((i) => i.label === 'Open dashboard')!.click!();
    expect(windows).toHaveLength(1);
    expect(windows[0].options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(windows[0].loaded).toEqual({ url: 'app://spendwatch/index.html#/' });
    menu.find((i) => i.label === 'Settings')!.click!();
    expect(windows[1].loaded).toEqual({ url: 'app://spendwatch/index.html#/settings' });
  });

  it('before any account exists, shows the dashboard (demo data) so a new user sees the app', async () => {
    const { windows } = await startApp(mkdtempSync(join(tmpdir(), 'sw-start-')));
    expect(windows).toHaveLength(1);
  });

  it('with a damaged config.json: starts anyway, restores the last good copy, and logs what happened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-start-'));
    const good = {
      version: 1,
      accounts: [
        {
          id: 'acc_1',
          name: 'Acme',
          provider: 'openai',
          baseUrl: 'https://api.openai.com/v1',
          keyHint: 'sk-admin-…abcd',
          createdAt: '2026-11-01T00:00:00.000Z',
        },
      ],
      budgets: {},
      general: { pollMinutes: 15 },
    };
    writeFileSync(join(dataDir, 'config.json.last-good'), JSON.stringify(good));
    writeFileSync(join(dataDir, 'config.json'), '{"version":1,"accounts":[{"id":');
    const { mock } = await startApp(dataDir, true);
    expect(mock.__test.trays).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')).accounts[0].name).toBe('Acme');
    expect(readdirSync(dataDir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(join(dataDir, 'logs', 'spendwatch.log'), 'utf8')).toMatch(
      /app WARN The settings file .* was damaged/,
    );
  });
});
