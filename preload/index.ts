// The Electron preload: exposes exactly the contract as `window.pos` and
// nothing else (no ipcRenderer, no Node). Runs sandboxed, bundled to CJS.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createPosApi } from './api';
import { contractShape } from './api-shape';
import { EVENT_CHANNEL } from './wire';

const api = createPosApi(
  {
    invoke: (channel, input, call) => ipcRenderer.invoke(channel, input, call),
    subscribe(event, listener) {
      const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipcRenderer.on(EVENT_CHANNEL, wrapped);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
      };
    },
  },
  contractShape(),
);

contextBridge.exposeInMainWorld('pos', api);
