import type { PosApi, PosError, RequestOutcome } from './contract';
import { channelName } from './contract/channel-name';

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

/**
 * The contract's names alone: each domain's methods, which of them change
 * state (their wire names), and the event names. Building `window.pos` needs
 * nothing more, so the web page's start-up code doesn't carry the contract's
 * schemas (api-shape.ts derives it; the web build bakes it in, see
 * main/web/vite.config.ts).
 */
export interface ApiShape {
  channels: Record<string, readonly string[]>;
  /** Wire names of the state-changing channels (contract `command(...)`). */
  commands: readonly string[];
  events: readonly string[];
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
export function createPosApi(
  transport: PosTransport,
  shape: ApiShape,
  opts: PosApiOptions = {},
): PosApi {
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
  const known = new Set(shape.events);
  const commands = new Set(shape.commands);
  for (const [domain, methods] of Object.entries(shape.channels)) {
    const namespace: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of methods) {
      const wireName = channelName(domain, method);
      namespace[method] = commands.has(wireName)
        ? (input: unknown) => invokeOnce(wireName, input ?? {})
        : (input: unknown) => transport.invoke(wireName, input ?? {});
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
