/**
 * Turns a raw call (channel name + untrusted input) into a validated core call and a serialisable
 * result. Used by the Electron IPC registration and by the browser harness alike.
 */
import {
  isChannel,
  ipcContract,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
  type IpcResult,
} from '../../shared/ipc-contract';
import { toErrorInfo } from '../core/errors';
import type { Logger } from '../core/ports';

export type IpcHandlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** Refusals and unexpected errors go to the log (never the input itself: it may hold a key or card number). */
export async function dispatchIpc(
  handlers: IpcHandlers,
  channel: string,
  rawInput: unknown,
  log?: Logger,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    log?.warn(`IPC refused: unknown channel ${JSON.stringify(String(channel).slice(0, 100))}`);
    return { ok: false, error: { code: 'invalid_input', message: `Unknown call: ${String(channel).slice(0, 100)}` } };
  }
  const contract = ipcContract[channel];
  const parsed = contract.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    log?.warn(`IPC refused: ${channel} with invalid input at ${field || '(root)'}: ${issue?.message ?? 'invalid'}`);
    return {
      ok: false,
      error: { code: 'invalid_input', message: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid input'}` },
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    // Outputs are checked too, so a core bug can never send the renderer something off-contract.
    return { ok: true, value: contract.output.parse(value) };
  } catch (error) {
    const info = toErrorInfo(error);
    if (info.code === 'internal') log?.error(`IPC ${channel} failed unexpectedly`, error);
    return { ok: false, error: info };
  }
}
