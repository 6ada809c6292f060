/**
 * Turns a raw call (channel name + untrusted input) into a validated core call and a serialisable
 * result. Used by the Electron IPC registration and by the browser harness alike.
 */
import { isChannel, ipcContract, type Channel, type ChannelOutput, type ChannelParsedInput, type IpcResult } from '../../../shared/ipc-contract';
import { toErrorInfo } from '../errors';

export type IpcHandlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C> };

export async function dispatchIpc(handlers: IpcHandlers, channel: string, rawInput: unknown): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'invalid_input', message: `Unknown call: ${channel}` } };
  const contract = ipcContract[channel];
  const parsed = contract.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    return { ok: false, error: { code: 'invalid_input', message: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid input'}` } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    // Outputs are checked too, so a core bug can never send the renderer something off-contract.
    return { ok: true, value: contract.output.parse(value) };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
