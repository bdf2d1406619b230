import { contract, channelName, events, type PosApi } from './contract';

/**
 * How a shell carries the contract: Electron IPC in the desktop app, a
 * WebSocket in the web shell. The API object built on top is the same.
 */
export interface PosTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.pos`: one async function per contract channel, namespaced by domain. */
export function createPosApi(transport: PosTransport): PosApi {
  const api: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(contract)) {
    const namespace: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const wireName = channelName(domain, method);
      namespace[method] = (input: unknown) => transport.invoke(wireName, input ?? {});
    }
    api[domain] = Object.freeze(namespace);
  }
  api.events = Object.freeze({
    on(event: string, listener: (payload: unknown) => void) {
      if (!(event in events)) throw new Error(`unknown event: ${event}`);
      return transport.subscribe(event, listener);
    },
  });
  return Object.freeze(api) as unknown as PosApi;
}
