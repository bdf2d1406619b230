import type { PosApi } from './contract';
import { channelName } from './contract/channel-name';

/**
 * How a shell carries the contract: Electron IPC in the desktop app, a
 * WebSocket in the web shell. The API object built on top is the same.
 */
export interface PosTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * The contract's names alone: each domain's methods and the event names.
 * Building `window.pos` needs nothing more, so the web page's start-up code
 * doesn't carry the contract's schemas (api-shape.ts derives it; the web
 * build bakes it in, see main/web/vite.config.ts).
 */
export interface ApiShape {
  channels: Record<string, readonly string[]>;
  events: readonly string[];
}

/** Builds `window.pos`: one async function per contract channel, namespaced by domain. */
export function createPosApi(transport: PosTransport, shape: ApiShape): PosApi {
  const api: Record<string, unknown> = {};
  const known = new Set(shape.events);
  for (const [domain, methods] of Object.entries(shape.channels)) {
    const namespace: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of methods) {
      const wireName = channelName(domain, method);
      namespace[method] = (input: unknown) => transport.invoke(wireName, input ?? {});
    }
    api[domain] = Object.freeze(namespace);
  }
  api.events = Object.freeze({
    on(event: string, listener: (payload: unknown) => void) {
      if (!known.has(event)) throw new Error(`unknown event: ${event}`);
      return transport.subscribe(event, listener);
    },
  });
  return Object.freeze(api) as unknown as PosApi;
}
