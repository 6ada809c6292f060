/**
 * The renderer's only way to main: the typed window.spendwatch bridge exposed by the preload (or by
 * the browser harness). Calls resolve to values or throw IpcCallError with the contract's error code.
 */
import type { SpendwatchBridge } from '../../shared/bridge';
import type { ErrorCode } from '../../shared/domain';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  IpcResult,
} from '../../shared/ipc-contract';

declare global {
  interface Window {
    spendwatch?: SpendwatchBridge;
  }
}

class IpcCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcCallError';
  }
}

function bridge(): SpendwatchBridge {
  if (!window.spendwatch) throw new IpcCallError('internal', 'Spendwatch is not connected to its main process.');
  return window.spendwatch;
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const invoke = bridge()[channel] as unknown as (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;
  const result = await invoke(input);
  if (!result.ok) throw new IpcCallError(result.error.code, result.error.message);
  return result.value as ChannelOutput<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener);
}
