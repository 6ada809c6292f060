/** Calls an IPC channel as the renderer does: validated against the contract, then handled; a refusal throws. */
import { dispatchIpc, type IpcHandlers } from '../../src/main/handlers/dispatch';

export const ipcCaller =
  (handlers: () => IpcHandlers) =>
  async (channel: string, input: unknown): Promise<never> => {
    const result = await dispatchIpc(handlers(), channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as never;
  };
