/**
 * [Electron main] Registers one handler per contract channel: sender check, then the shared
 * validate-dispatch-map step from core. Also forwards core events to every app window.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  channelName,
  CHANNEL_NAMES,
  EVENT_CHANNEL,
  type EventName,
  type EventPayload,
  type IpcResult,
} from '../../shared/ipc-contract';
import { dispatchIpc, type IpcHandlers } from '../handlers/dispatch';
import type { Logger } from '../core/ports';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const FORBIDDEN: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This call did not come from the Spendwatch window.' },
};

export function registerIpcHandlers(
  ipcMain: IpcMain,
  handlers: IpcHandlers,
  isTrustedSender: SenderCheck,
  log?: Logger,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channelName(channel), (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        log?.warn(
          `IPC refused: ${channel} from an untrusted sender (${event.senderFrame?.url.slice(0, 200) ?? 'no frame'})`,
        );
        return FORBIDDEN;
      }
      return dispatchIpc(handlers, channel, input, log);
    });
  }
  return () => CHANNEL_NAMES.forEach((channel) => ipcMain.removeHandler(channelName(channel)));
}

/** Trusted: a main frame of one of our windows, at our exact origin (isAppUrl: app://spendwatch, see app-protocol.ts). */
export function createSenderCheck(windows: () => BrowserWindow[], isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!windows().some((w) => !w.isDestroyed() && w.webContents.id === event.sender.id)) return false;
    return isAppUrl(frame.url);
  };
}

export function broadcastEvent<E extends EventName>(
  windows: BrowserWindow[],
  event: E,
  payload: EventPayload<E>,
): void {
  for (const window of windows) {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
  }
}
