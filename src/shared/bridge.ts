/**
 * Builds `window.spendwatch` from the contract, over any transport (Electron IPC in the preload,
 * a loopback WebSocket in the browser harness). Only plain data crosses; no event objects leak.
 */
import { CHANNEL_NAMES, isEventName } from './ipc-channels';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload, IpcResult } from './ipc-contract';

export type SpendwatchBridge = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;
} & {
  /** Subscribes to one main→renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export interface BridgeTransport {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  /** Registers the single event sink; the transport delivers (name, payload) pairs. */
  onEvent(sink: (event: string, payload: unknown) => void): void;
}

export function createBridge(transport: BridgeTransport): SpendwatchBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.onEvent((event, payload) => {
    if (!isEventName(event)) return;
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });
  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    api[channel] = (input: unknown) => transport.invoke(channel, input ?? {});
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event) || typeof listener !== 'function') throw new TypeError(`Unknown event: ${event}`);
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  return Object.freeze(api) as SpendwatchBridge;
}
