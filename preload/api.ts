import {
  contract,
  channelName,
  events,
  type ChannelSpec,
  type PosApi,
  type PosError,
  type RequestOutcome,
} from './contract';

/**
 * How a shell carries the contract: Electron IPC in the desktop app, a
 * WebSocket in the web shell. The API object built on top is the same. A
 * transport answers `{ok: false, error: {code: 'CONNECTION_LOST'}}` when a
 * call's answer can no longer come (the connection dropped).
 */
export interface PosTransport {
  invoke(channel: string, input: unknown, call?: { requestId: string }): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface PosApiOptions {
  /** How long to keep asking for a lost answer before saying the outcome is unknown. */
  recoverForMs?: number;
  /** Pause between questions while the terminal can't be reached. */
  retryMs?: number;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: PosError };

const lost = (r: unknown): boolean =>
  (r as Reply | null)?.ok === false && (r as { error: PosError }).error.code === 'CONNECTION_LOST';

/** 16 random bytes as 32 hex digits: made here, in the renderer, for each state-changing call. */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds `window.pos`: one async function per contract channel, namespaced by
 * domain. A state-changing channel's call (contract `command(...)`) carries a
 * fresh request id; when its answer is lost, the outcome is asked for by that
 * id — waiting while the call still runs, reconnecting while the terminal
 * can't be reached — and only then answered (issue 16):
 * - the recorded reply, as if it had arrived;
 * - CONNECTION_LOST ("not carried out") only when the terminal says it never
 *   changed anything for that id;
 * - REQUEST_INTERRUPTED when a restart cut it short (with its vouchers);
 * - OUTCOME_UNKNOWN when the terminal can't be asked in time: never "not affected".
 */
export function createPosApi(transport: PosTransport, opts: PosApiOptions = {}): PosApi {
  const recoverForMs = opts.recoverForMs ?? 60_000;
  const retryMs = opts.retryMs ?? 1_000;

  async function askOutcome(requestId: string): Promise<unknown> {
    const deadline = Date.now() + recoverForMs;
    while (Date.now() < deadline) {
      const r = (await transport.invoke('app:outcome', { requestId })) as Reply;
      if (lost(r)) {
        await sleep(retryMs);
        continue;
      }
      if (!r.ok) break;
      const o = r.value as RequestOutcome;
      if (o.state === 'done') return o.result;
      if (o.state === 'unknown') return { ok: false, error: { code: 'CONNECTION_LOST' } };
      if (o.state === 'interrupted')
        return {
          ok: false,
          error: {
            code: 'REQUEST_INTERRUPTED',
            params: { count: o.vouchers.length, vouchers: o.vouchers.join(', ') || '—' },
          },
        };
      // 'running': the terminal waited a while already; ask again.
    }
    return { ok: false, error: { code: 'OUTCOME_UNKNOWN' } };
  }

  async function invokeOnce(channel: string, input: unknown): Promise<unknown> {
    const requestId = newRequestId();
    const first = await transport.invoke(channel, input, { requestId });
    return lost(first) ? askOutcome(requestId) : first;
  }

  const api: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(contract)) {
    const namespace: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [method, spec] of Object.entries(methods as Record<string, ChannelSpec>)) {
      const wireName = channelName(domain, method);
      namespace[method] = spec.mutates
        ? (input: unknown) => invokeOnce(wireName, input ?? {})
        : (input: unknown) => transport.invoke(wireName, input ?? {});
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
