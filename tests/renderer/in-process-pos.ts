import { createPosApi } from '../../preload/api';
import { contractShape } from '../../preload/api-shape';
import type { PosCore } from '../../main/core/pos-core';

/**
 * Gives the renderer under test the real `window.pos`: the same API factory the
 * Electron and web preloads use, carried in-process to a real core (SQLite,
 * settings, services) instead of over IPC or a WebSocket.
 */
export function installPos(core: PosCore): void {
  const api = createPosApi(
    {
      invoke: (channel, input, call) => core.dispatch(channel, structuredClone(input), call),
      subscribe: (event, listener) =>
        core.onEvent((name, payload) => name === event && listener(payload)),
    },
    contractShape(),
  );
  Object.defineProperty(window, 'pos', { value: api, configurable: true });
}
