import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/ipc-contract';
import type { ElectronMock } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock());
const mock = electron as unknown as ElectronMock;

describe('preload', () => {
  it('exposes only window.spendwatch, generated from the contract, over namespaced channels', async () => {
    await import('../../../src/main/electron/preload');
    expect(mock.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = mock.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      Record<string, (input: unknown) => unknown>,
    ];
    expect(name).toBe('spendwatch');
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    api.listAccounts({});
    expect(mock.ipcRenderer.invoke).toHaveBeenCalledWith('spendwatch:listAccounts', {});
    // Events arrive without the IpcRendererEvent object.
    const [eventChannel, handler] = mock.ipcRenderer.on.mock.calls[0] as [string, (...args: unknown[]) => void];
    expect(eventChannel).toBe('spendwatch:event');
    const listener = vi.fn();
    (api.on as unknown as (e: string, l: (p: unknown) => void) => void)('snapshotChanged', listener);
    handler({ sender: 'secret-ipc-object' }, 'snapshotChanged', { reason: 'sync', at: 'now' });
    expect(listener).toHaveBeenCalledWith({ reason: 'sync', at: 'now' });
  });
});
