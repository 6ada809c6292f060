import * as electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from './electron-mock';

vi.mock('electron', async () => {
  const mock = (await import('./electron-mock')).createElectronMock();
  mock.app.requestSingleInstanceLock.mockReturnValue(false);
  return mock;
});
// electron-store is external to Vitest's module graph and would load the real electron package.
vi.mock('electron-store', () => ({ default: class {} }));
const mock = electron as unknown as ElectronMock;

describe('main entry', () => {
  it('quits at once when another instance holds the single-instance lock', async () => {
    await import('../../../src/main/electron/main');
    expect(mock.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(mock.app.quit).toHaveBeenCalled();
    expect(mock.app.whenReady).not.toHaveBeenCalled();
    // Even so, the app:// scheme was registered first: it must be, before ready.
    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
  });
});
