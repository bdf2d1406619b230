import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { listChannels } from '../../preload/contract';
import { EVENT_CHANNEL } from '../../preload/wire';
import type { PosCore } from '../core/pos-core';
import type { Logger } from '../core/logger';
import { openScreen, runInScreen, type Screen } from '../core/screen-scope';
import { originOf } from './origin';

/**
 * Wires every contract channel to the core. A call is answered only if it comes
 * from our window's main frame at our own origin; anything else (a sub-frame,
 * a foreign page, another webContents) is refused and logged.
 */
export function wireIpc(opts: {
  core: PosCore;
  window: () => BrowserWindow | null;
  trustedOrigins: readonly string[];
  logger: Logger;
}): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const win = opts.window();
    const frame = event.senderFrame;
    if (!win || !frame || event.sender !== win.webContents) return false;
    if (frame !== win.webContents.mainFrame) return false;
    const origin = originOf(frame.url);
    return origin !== null && opts.trustedOrigins.includes(origin);
  };

  // One screen per page load of a webContents (screen-scope.ts): a reload (a
  // new main-frame document), a crashed renderer or a destroyed window ends
  // it, and with it the PIN-pad waits its calls started.
  const screens = new Map<WebContents, Screen>();
  const endScreen = (wc: WebContents) => {
    screens.get(wc)?.close();
    screens.delete(wc);
  };
  const watched = new WeakSet<WebContents>();
  const screenOf = (wc: WebContents): Screen => {
    if (!watched.has(wc)) {
      watched.add(wc);
      wc.on('did-navigate', () => endScreen(wc));
      wc.on('render-process-gone', () => endScreen(wc));
      wc.on('destroyed', () => endScreen(wc));
    }
    let screen = screens.get(wc);
    if (!screen) {
      screen = openScreen();
      screens.set(wc, screen);
    }
    return screen;
  };

  const names = listChannels().map(([name]) => name);
  for (const name of names) {
    ipcMain.handle(name, (event, input: unknown, call: unknown) => {
      if (!trusted(event)) {
        opts.logger.warn('ipc call refused: untrusted sender', {
          channel: name,
          url: event.senderFrame?.url,
        });
        return { ok: false, error: { code: 'FORBIDDEN' } };
      }
      const requestId = (call as { requestId?: unknown } | undefined)?.requestId;
      return runInScreen(screenOf(event.sender), () =>
        opts.core.dispatch(name, input, {
          requestId: typeof requestId === 'string' ? requestId : undefined,
        }),
      );
    });
  }

  const unsubscribe = opts.core.onEvent((event, payload) => {
    opts.window()?.webContents.send(EVENT_CHANNEL, event, payload);
  });

  return () => {
    unsubscribe();
    for (const wc of [...screens.keys()]) endScreen(wc);
    for (const name of names) ipcMain.removeHandler(name);
  };
}
