/**
 * [Electron preload, sandboxed renderer] Exposes window.spendwatch, generated from the IPC contract.
 * Bundled as one CommonJS file. No raw ipcRenderer and no event objects reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../../shared/bridge';
import { channelName, EVENT_CHANNEL } from '../../shared/ipc-channels';

const bridge = createBridge({
  invoke: (channel, input) => ipcRenderer.invoke(channelName(channel), input),
  onEvent: (sink) => {
    ipcRenderer.on(EVENT_CHANNEL, (_event, name: string, payload: unknown) => sink(name, payload));
  },
});

contextBridge.exposeInMainWorld('spendwatch', bridge);
