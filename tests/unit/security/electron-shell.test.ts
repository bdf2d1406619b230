import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, events, listChannels } from '../../../preload/contract';
import { EVENT_CHANNEL } from '../../../preload/wire';
import type { PosCore } from '../../../main/core/pos-core';
import type { Logger } from '../../../main/core/logger';

// The security baseline of ENGINEERING.md, checked on the Electron shell's own
// code (main/app/*, preload/index.ts) against a stand-in for the 'electron'
// module: what the window may do, what app:// serves, who IPC answers, and
// what the preload hands the page.

type Fn = (...args: never[]) => unknown;
const call = (fn: Fn | undefined, ...args: unknown[]) =>
  (fn as (...a: unknown[]) => unknown)(...args);

const h = vi.hoisted(() => {
  class FakeWebContents {
    readonly listeners = new Map<string, Fn>();
    readonly mainFrame = { url: 'app://pos/index.html' };
    windowOpenHandler: Fn | undefined;
    readonly send = vi.fn();
    on(event: string, fn: Fn) {
      this.listeners.set(event, fn);
      return this;
    }
    setWindowOpenHandler(fn: Fn) {
      this.windowOpenHandler = fn;
    }
  }
  class FakeBrowserWindow {
    static last: FakeBrowserWindow | undefined;
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(() => Promise.resolve());
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      FakeBrowserWindow.last = this;
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
  }
  return {
    FakeBrowserWindow,
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
});

vi.mock('electron', () => ({
  BrowserWindow: h.FakeBrowserWindow,
  session: h.session,
  protocol: h.protocol,
  ipcMain: h.ipcMain,
  contextBridge: h.contextBridge,
  ipcRenderer: h.ipcRenderer,
}));

const { createMainWindow } = await import('../../../main/app/window');
const { registerAppScheme, serveRenderer, APP_ORIGIN } = await import('../../../main/app/protocol');
const { APP_CSP } = await import('../../../main/app/csp');
const { wireIpc } = await import('../../../main/app/ipc');
const { originOf } = await import('../../../main/app/origin');
const { screenScopedPinPad } = await import('../../../main/core/screen-scope');
const { createSimulatedPinPad } = await import('../../../native/pinpad');

beforeEach(() => vi.clearAllMocks());

describe('main window (main/app/window.ts)', () => {
  function open() {
    createMainWindow({
      preload: '/app/out/preload/index.cjs',
      url: `${APP_ORIGIN}/index.html`,
      allowedOrigins: [APP_ORIGIN],
    });
    const win = h.FakeBrowserWindow.last;
    if (!win) throw new Error('no window created');
    return win;
  }

  it('is isolated, sandboxed and without Node, with the preload it was given', () => {
    const prefs = open().options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    for (const risky of [
      'nodeIntegrationInSubFrames',
      'experimentalFeatures',
      'enableBlinkFeatures',
    ])
      expect(prefs).not.toHaveProperty(risky);
  });

  it('loads only its own URL and refuses navigation and redirects elsewhere', () => {
    const win = open();
    expect(win.loadURL).toHaveBeenCalledWith('app://pos/index.html');
    for (const event of ['will-navigate', 'will-redirect']) {
      const listener = win.webContents.listeners.get(event);
      for (const [url, blocked] of [
        ['https://evil.example/', true],
        ['file:///etc/passwd', true],
        ['app://other/index.html', true],
        ['not a url', true],
        ['app://pos/index.html#/sale', false],
      ] as const) {
        const preventDefault = vi.fn();
        call(listener, { preventDefault }, url);
        expect(preventDefault, `${event} ${url}`).toHaveBeenCalledTimes(blocked ? 1 : 0);
      }
    }
  });

  it('opens no windows, attaches no webviews and grants no permissions', () => {
    const win = open();
    expect(call(win.webContents.windowOpenHandler, { url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const preventDefault = vi.fn();
    call(win.webContents.listeners.get('will-attach-webview'), { preventDefault });
    expect(preventDefault).toHaveBeenCalled();

    const [[requestHandler]] = h.session.defaultSession.setPermissionRequestHandler.mock.calls as [
      [Fn],
    ];
    const callback = vi.fn();
    call(requestHandler, {}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const [[checkHandler]] = h.session.defaultSession.setPermissionCheckHandler.mock.calls as [
      [Fn],
    ];
    expect(call(checkHandler, {}, 'notifications')).toBe(false);
  });
});

describe('app:// (main/app/protocol.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pos-protocol-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>POS</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function handler() {
    serveRenderer(renderer);
    const [[scheme, fn]] = h.protocol.handle.mock.calls as [[string, Fn]];
    expect(scheme).toBe('app');
    return (url: string) => call(fn, new Request(url)) as Promise<Response>;
  }

  it('registers app:// as standard and secure, with no CSP bypass or other extra privileges', () => {
    registerAppScheme();
    expect(h.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('sends the CSP and nosniff with every file it serves', async () => {
    const get = handler();
    for (const url of ['app://pos/', 'app://pos/index.html', 'app://pos/assets/app.js']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy'), url).toBe(APP_CSP);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('serves nothing outside the renderer folder or for another host', async () => {
    const get = handler();
    for (const url of [
      'app://pos/../secret.txt',
      'app://pos/%2e%2e/secret.txt',
      'app://pos/..%2fsecret.txt',
      'app://pos/assets/..%2f..%2fsecret.txt',
      'app://evil/index.html',
      'app://pos/missing.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('not for the page');
    }
  });
});

describe('originOf (main/app/origin.ts)', () => {
  it("gives app:// pages their origin, which Node's URL reports as 'null'", () => {
    expect(new URL('app://pos/index.html').origin).toBe('null');
    expect(originOf('app://pos/index.html#/sale')).toBe(APP_ORIGIN);
    expect(originOf('app://pos:8080/')).toBe('app://pos:8080');
  });

  it('passes special schemes through and trusts no other opaque origin', () => {
    expect(originOf('http://127.0.0.1:5173/index.html')).toBe('http://127.0.0.1:5173');
    for (const url of ['foo://pos/', 'data:text/html,x', 'about:blank', 'app:pos', 'not a url'])
      expect(originOf(url), url).toBeNull();
  });
});

describe('IPC (main/app/ipc.ts)', () => {
  function wire() {
    const win = new h.FakeBrowserWindow({});
    const dispatch = vi.fn(() => Promise.resolve({ ok: true, value: 'answered' }));
    const core = { dispatch, onEvent: () => () => undefined } as unknown as PosCore;
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() } satisfies Logger;
    wireIpc({ core, window: () => win as never, trustedOrigins: [APP_ORIGIN], logger });
    const handlers = new Map(h.ipcMain.handle.mock.calls as [string, Fn][]);
    return { win, dispatch, warn, handlers };
  }

  it('registers exactly the contract channels', () => {
    const { handlers } = wire();
    expect([...handlers.keys()].sort()).toEqual(
      listChannels()
        .map(([name]) => name)
        .sort(),
    );
  });

  it("answers our window's main frame at our origin, and refuses everyone else", async () => {
    const { win, dispatch, warn, handlers } = wire();
    const channel = listChannels()[0]?.[0] ?? '';
    const invoke = (event: unknown) => call(handlers.get(channel), event, { x: 1 });

    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await invoke(ours)).toEqual({ ok: true, value: 'answered' });
    expect(dispatch).toHaveBeenCalledWith(channel, { x: 1 }, { requestId: undefined });
    // A state-changing call's request id travels beside the input (issue 16).
    const id = 'ab'.repeat(16);
    await call(handlers.get(channel), ours, { x: 2 }, { requestId: id });
    expect(dispatch).toHaveBeenCalledWith(channel, { x: 2 }, { requestId: id });

    const other = new h.FakeBrowserWindow({});
    const refused = [
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
      { sender: win.webContents, senderFrame: { url: 'app://pos/index.html' } }, // a sub-frame
      { sender: win.webContents, senderFrame: null },
    ];
    for (const event of refused)
      expect(await invoke(event)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke(ours)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).toHaveBeenCalledTimes(2); // only our two calls got through
    expect(warn).toHaveBeenCalledTimes(refused.length + 1);
  });

  it('a page load owns its PIN-pad waits: a reload, a crash or a closed window cancels them', async () => {
    for (const gone of ['did-navigate', 'render-process-gone', 'destroyed']) {
      vi.clearAllMocks();
      const { win, dispatch, handlers } = wire();
      // The core's PIN pad as the services see it (screen-scope.ts): the call waits for a card.
      const pad = createSimulatedPinPad({
        unwrapPinKey: () => Buffer.alloc(16),
        pinBlock: () => Buffer.alloc(8),
      });
      const scoped = screenScopedPinPad(pad);
      dispatch.mockImplementation(() =>
        scoped.readCard({ amountFen: 100 }).then(
          () => ({ ok: true, value: 'card' }),
          (err: { code?: string }) => ({ ok: false, value: err.code ?? 'thrown' }),
        ),
      );
      const channel = listChannels()[0]?.[0] ?? '';
      const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
      const waiting = call(handlers.get(channel), ours, {});
      expect(pad.state()).toEqual({ phase: 'card', amountFen: 100 });
      call(win.webContents.listeners.get(gone), {}, {});
      expect(await waiting, gone).toEqual({ ok: false, value: 'PINPAD_SCREEN_CLOSED' });
      expect(pad.state()).toEqual({ phase: 'idle' });
      // The new page's calls are its own: its wait stays until it ends.
      const next = call(handlers.get(channel), ours, {});
      expect(pad.state()).toEqual({ phase: 'card', amountFen: 100 });
      pad.presentCard(pad.deck[0]?.id ?? '');
      expect(await next).toEqual({ ok: true, value: 'card' });
    }
  });
});

describe('preload (preload/index.ts)', () => {
  it('exposes only window.pos: contract functions over invoke, events with the payload only', async () => {
    await import('../../../preload/index');
    expect(h.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [[key, api]] = h.contextBridge.exposeInMainWorld.mock.calls as [[string, unknown]];
    expect(key).toBe('pos');

    // Every leaf is one of our functions: no ipcRenderer, no electron object.
    const electronObjects = new Set<unknown>([
      h.ipcRenderer,
      ...Object.values(h.ipcRenderer),
      h.contextBridge,
    ]);
    const leaves: unknown[] = [];
    const walk = (value: unknown) => {
      expect(electronObjects.has(value)).toBe(false);
      if (typeof value === 'object' && value !== null) {
        expect(Object.isFrozen(value)).toBe(true);
        Object.values(value).forEach(walk);
      } else leaves.push(value);
    };
    walk(api);
    expect(leaves.every((v) => typeof v === 'function')).toBe(true);
    expect(Object.keys(api as object).sort()).toEqual([...Object.keys(contract), 'events'].sort());

    const [domain, methods] = Object.entries(contract)[0] ?? ['', {}];
    const method = Object.keys(methods)[0] ?? '';
    const pos = api as Record<string, Record<string, Fn>>;
    void call(pos[domain]?.[method], { a: 1 });
    expect(h.ipcRenderer.invoke).toHaveBeenCalledWith(`${domain}:${method}`, { a: 1 }, undefined);
    // A state-changing channel's call carries a fresh request id made here (issue 16).
    void call(pos.sale?.cash, { amountFen: 1 });
    const cashCall = h.ipcRenderer.invoke.mock.calls.at(-1) as unknown[];
    expect(cashCall.slice(0, 2)).toEqual(['sale:cash', { amountFen: 1 }]);
    expect(cashCall[2]).toEqual({ requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });

    const [eventName] = Object.keys(events);
    const listener = vi.fn();
    call(pos.events?.on, eventName, listener);
    const [[channel, wrapped]] = h.ipcRenderer.on.mock.calls as [[string, Fn]];
    expect(channel).toBe(EVENT_CHANNEL);
    call(wrapped, { sender: 'ipc event object' }, eventName, { some: 'payload' });
    call(wrapped, { sender: 'ipc event object' }, 'another-event', { other: 1 });
    expect(listener.mock.calls).toEqual([[{ some: 'payload' }]]);
  });
});
