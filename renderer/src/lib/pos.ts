import type { PosApi } from '../../../preload/contract';

declare global {
  interface Window {
    /** Given by the preload (Electron) or the browser preload (web shell). */
    pos: PosApi;
  }
}

/** The contract API; the renderer knows nothing else of the main side. */
export function pos(): PosApi {
  return window.pos;
}
