import type { PosTransport } from './api';
import {
  WEB_PAGE_PARAM,
  type WebEventFrame,
  type WebReplyFrame,
  type WebRequestFrame,
} from './wire';

/** The part of a browser WebSocket the transport uses (the `ws` package's client has it too). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
const OPEN = 1;

/**
 * The web shell's transport: contract calls and events over one WebSocket.
 * A call whose connection drops before its answer comes is answered
 * CONNECTION_LOST — the API layer (api.ts) then asks what became of a
 * state-changing call by its request id. Later calls reconnect, and so do
 * event listeners (after a pause, so a stopped shell isn't hammered).
 */
export function createWebTransport(opts: {
  url: string;
  open: (url: string) => SocketLike;
  reconnectMs?: number;
}): PosTransport {
  const reconnectMs = opts.reconnectMs ?? 1000;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let opened: Promise<SocketLike> | null = null;
  // This page's id, the same on every reconnect: the shell keeps the page's
  // screen (its PIN-pad wait) across a dropped connection, not across a reload.
  const page = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  const url = `${opts.url}${opts.url.includes('?') ? '&' : '?'}${WEB_PAGE_PARAM}=${page}`;

  const connectionLost = () => ({ ok: false, error: { code: 'CONNECTION_LOST' } });

  function connect(): Promise<SocketLike> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = opts.open(url);
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
        for (const reply of pending.values()) reply(connectionLost());
        pending.clear();
        socket = null;
        opened = null;
        if (listeners.size > 0)
          setTimeout(() => void connect().catch(() => undefined), reconnectMs);
      });
    });
    return opened;
  }

  return {
    async invoke(channel, input, call) {
      let ws: SocketLike;
      try {
        ws = socket ?? (await connect());
      } catch {
        return connectionLost();
      }
      if (ws.readyState !== OPEN) return connectionLost();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const frame: WebRequestFrame = { id, channel, input, ...call };
        ws.send(JSON.stringify(frame));
      });
    },
    subscribe(event, listener) {
      connect().catch(() => undefined); // the close handler schedules the retry
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
