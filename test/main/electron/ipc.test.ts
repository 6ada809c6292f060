import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { IpcHandlers } from '../../../src/main/core/ipc/dispatch';
import { channelName, channels } from '../../../src/shared/ipc-contract';
import { broadcastEvent, createSenderCheck, registerIpcHandlers } from '../../../src/main/electron/ipc';
import { WindowManager } from '../../../src/main/electron/windows';
import { MockBrowserWindow, type ElectronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

function handlers(): IpcHandlers {
  return { listAccounts: vi.fn(() => []), openExternal: vi.fn(() => ({ opened: true })) } as unknown as IpcHandlers;
}

const event = (senderId: number, url: string, parent: unknown = null) => ({ sender: { id: senderId }, senderFrame: { url, parent } });

describe('IPC registration', () => {
  const window = new MockBrowserWindow({ webPreferences: {} });
  const check = createSenderCheck(() => [window as never], new WindowManager({ preload: '/p.cjs', icon: '/i.png' }).isAppUrl);
  const APP_PAGE = 'app://spendwatch/index.html';

  it('registers one handler per contract channel', () => {
    registerIpcHandlers(mock.ipcMain as never, handlers(), check);
    expect([...mock.__test.ipcHandlers.keys()].sort()).toEqual(channels.map(channelName).sort());
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

  it('broadcasts events to live windows only', () => {
    const live = new MockBrowserWindow({ webPreferences: {} });
    const dead = new MockBrowserWindow({ webPreferences: {} });
    dead.destroyed = true;
    broadcastEvent([live, dead] as never, 'snapshotChanged', { reason: 'sync', at: 'now' });
    expect(live.webContents.sent).toEqual([['spendwatch:event', 'snapshotChanged', { reason: 'sync', at: 'now' }]]);
    expect(dead.webContents.sent).toEqual([]);
  });
});
