/**
 * [Browser, test harness only] window.spendwatch over a loopback WebSocket, built from the same
 * contract as the preload's bridge. The per-run token comes from the page path (/t/<token>/).
 */
import { createBridge } from '../../src/shared/bridge';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const token = /^\/t\/([^/]+)\//.exec(location.pathname)?.[1] ?? '';
const socket = new WebSocket(`ws://${location.host}/t/${token}/ws`);
const pending = new Map<number, Pending>();
const queue: string[] = [];
let sink: (event: string, payload: unknown) => void = () => undefined;
let nextId = 1;

socket.addEventListener('open', () => {
  performance.mark('harness:ws-open');
  queue.splice(0).forEach((m) => socket.send(m));
});
socket.addEventListener('message', (message) => {
  const data = JSON.parse(String(message.data)) as { id?: number; result?: unknown; event?: string; payload?: unknown };
  if (data.event) return sink(data.event, data.payload);
  const call = data.id !== undefined ? pending.get(data.id) : undefined;
  if (!call) return;
  pending.delete(data.id!);
  call.resolve(data.result);
});
socket.addEventListener('close', () => {
  for (const call of pending.values())
    call.resolve({ ok: false, error: { code: 'offline', message: 'Lost the connection to the Spendwatch harness.' } });
  pending.clear();
});

window.spendwatch = createBridge({
  invoke: (channel, input) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const message = JSON.stringify({ id, channel, input });
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    }),
  onEvent: (next) => {
    sink = next;
  },
});

declare global {
  interface Window {
    spendwatch?: ReturnType<typeof createBridge>;
  }
}
