// The browser preload for the web shell: gives the page the same `window.pos`
// object as the Electron preload, carried over a WebSocket to 127.0.0.1 with
// the per-start token from the URL. Loaded before the renderer's own script.
import shape from 'virtual:pos-api-shape';
import { createPosApi } from './api';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM, type WebEventFrame, type WebReplyFrame } from './wire';

const TOKEN_KEY = 'pos.webToken';
const RECONNECT_MS = 1000;

function readToken(): string {
  const fromUrl = new URLSearchParams(location.search).get(WEB_TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar and history once stored.
    history.replaceState(null, '', location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createWebTransport() {
  const token = readToken();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_SOCKET_PATH}?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const connectionLost = () => ({
    ok: false,
    error: { code: 'INTERNAL', params: { reason: 'connection' } },
  });

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => {
        socket = ws;
        resolve(ws);
      });
      // A connection that closes before it opened must not leave callers waiting forever.
      ws.addEventListener('close', () => reject(new Error('connection closed before it opened')));
      ws.addEventListener('message', (msg) => {
        const frame = JSON.parse(String(msg.data)) as WebReplyFrame | WebEventFrame;
        if ('id' in frame) {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else {
          listeners.get(frame.event)?.forEach((l) => l(frame.payload));
        }
      });
      ws.addEventListener('close', () => {
        // Calls in flight can't be answered; later calls reconnect, and so do
        // event listeners (after a pause, so a stopped shell isn't hammered).
        for (const reply of pending.values()) reply(connectionLost());
        pending.clear();
        socket = null;
        opened = null;
        if (listeners.size > 0) setTimeout(() => connect().catch(() => undefined), RECONNECT_MS);
      });
    });
    return opened;
  }

  return {
    async invoke(channel: string, input: unknown) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return connectionLost();
      }
      if (ws.readyState !== WebSocket.OPEN) return connectionLost();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, input }));
      });
    },
    subscribe(event: string, listener: (payload: unknown) => void) {
      connect().catch(() => undefined); // the close handler schedules the retry
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'pos', {
  value: createPosApi(createWebTransport(), shape),
  writable: false,
  configurable: false,
});
