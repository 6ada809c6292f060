import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { IpcHandlers } from '../../../src/main/handlers/dispatch';
import { CHANNEL_NAMES, channelName } from '../../../src/shared/ipc-contract';
import { broadcastEvent, createSenderCheck, registerIpcHandlers } from '../../../src/main/electron/ipc';
import { WindowManager } from '../../../src/main/electron/windows';
import { MockBrowserWindow, type ElectronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

function handlers(): IpcHandlers {
  return { listAccounts: vi.fn(() => []), openExternal: vi.fn(() => ({ opened: true })) } as unknown as IpcHandlers;
}

const event = (senderId: number, url: string, parent: unknown = null) => ({
  sender: { id: senderId },
  senderFrame: { url, parent },
});

describe('IPC registration', () => {
  const window = new MockBrowserWindow({ webPreferences: {} });
  const check = createSenderCheck(
    () => [window as never],
    new WindowManager({ preload: '/p.cjs', icon: '/i.png' }).isAppUrl,
  );
  const APP_PAGE = 'app://spendwatch/index.html';

  it('registers one handler per contract channel', () => {
    registerIpcHandlers(mock.ipcMain as never, handlers(), check);
    expect([...mock.__test.ipcHandlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(channelName).sort());
  });

  it('rejects senders that are not our renderer, without calling core', async () => {
    const h = handlers();
    registerIpcHandlers(mock.ipcMain as never, h, check);
    const invoke = mock.__test.ipcHandlers.get(channelName('listAccounts'))!;
    const ours = window.webContents.id;
    for (const bad of [
      event(999, APP_PAGE), // not one of our windows
      event(ours, 'https://evil.example/'),
      event(ours, APP_PAGE, {}), // a subframe
      event(ours, 'file:///app/out/renderer/index.html'), // the old file:// page, or any copy of it
      event(ours, 'file://otherhost/app/out/renderer/index.html'),
      event(ours, 'app://spendwatch.evil/index.html'),
    ]) {
      expect(await invoke(bad, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(h.listAccounts).not.toHaveBeenCalled();
    expect(await invoke(event(ours, `${APP_PAGE}#/`), {})).toEqual({ ok: true, value: [] });
  });

  it('validates input before dispatch and maps errors to {code, message}', async () => {
    const h = handlers();
    registerIpcHandlers(mock.ipcMain as never, h, check);
    const invoke = mock.__test.ipcHandlers.get(channelName('openExternal'))!;
    const result = await invoke(event(window.webContents.id, APP_PAGE), { url: 'not a url' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(h.openExternal).not.toHaveBeenCalled();
  });

  it('logs refusals and unexpected errors, never the input itself', async () => {
    const lines: string[] = [];
    const log = {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string, e?: unknown) => lines.push(`error ${m} ${String(e)}`),
    };
    const h = {
      ...handlers(),
      listAccounts: vi.fn(() => {
        throw new Error('disk on fire');
      }),
    } as unknown as IpcHandlers;
    registerIpcHandlers(mock.ipcMain as never, h, check, log);
    const ok = event(window.webContents.id, 'app://spendwatch/index.html');
    await mock.__test.ipcHandlers.get(channelName('listAccounts'))!(event(999, 'https://evil.example/'), {});
    await mock.__test.ipcHandlers.get(channelName('addAccount'))!(ok, {
      name: 'Acme',
      provider: 'openai',
      apiKey: 'sk-admin-SECRETSECRETSECRET',
      baseUrl: 'http://evil.example/v1',
    });
    await mock.__test.ipcHandlers.get(channelName('listAccounts'))!(ok, {});
    expect(lines[0]).toMatch(/^warn IPC refused: listAccounts from an untrusted sender \(https:\/\/evil\.example\/\)/);
    expect(lines[1]).toMatch(/^warn IPC refused: addAccount with invalid input at baseUrl: Plain http:\/\/ is refused/);
    expect(lines[2]).toMatch(/^error IPC listAccounts failed unexpectedly Error: disk on fire/);
    expect(lines.join('\n')).not.toContain('SECRET');
  });

  it('broadcasts events to live windows only', () => {
    const live = new MockBrowserWindow({ webPreferences: {} });
    const dead = new MockBrowserWindow({ webPreferences: {} });
    dead.destroyed = true;
    broadcastEvent([live, dead] as never, 'snapshotChanged', { reason: 'sync', at: 'now' });
    expect(live.webContents.sent).toEqual([['spendwatch:event', 'snapshotChanged', { reason: 'sync', at: 'now' }]]);
    expect(dead.webContents.sent).toEqual([]);
  });
});
