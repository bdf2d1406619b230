import { batchPath } from './protocol';

/**
 * What one call to the back office came to:
 * - `ok`: acknowledged (2xx with an empty or JSON body).
 * - `conflict`: 409, the back office holds different content under this key.
 *   Final: the client stops and reports it, never overwrites.
 * - `unauthorized`: 401/403, the token is wrong or revoked: a manager must fix it.
 * - `retry`: nothing known (timeout, network, 5xx, 408/429, a reply that is
 *   not the back office's): send the same bytes again later.
 * - `rejected`: any other 4xx: the request itself was refused (typically a
 *   wrong address → 404); repeating it unchanged won't help until a person
 *   fixes the settings.
 */
export type BackOfficeResult =
  | { kind: 'ok'; status: number }
  | { kind: 'conflict'; status: 409; detail: string }
  | { kind: 'unauthorized'; status: number }
  | { kind: 'retry'; reason: RetryReason; status?: number; detail?: string }
  | { kind: 'rejected'; status: number; detail: string };

export type RetryReason = 'timeout' | 'network' | 'http-5xx' | 'busy' | 'bad-reply' | 'aborted';

export interface BackOfficeClient {
  putHeader(batchNo: string, body: Buffer, signal?: AbortSignal): Promise<BackOfficeResult>;
  putPart(
    batchNo: string,
    part: number,
    body: Buffer,
    signal?: AbortSignal,
  ): Promise<BackOfficeResult>;
  commit(batchNo: string, body: Buffer, signal?: AbortSignal): Promise<BackOfficeResult>;
}

export interface BackOfficeConfig {
  /** e.g. `https://bo.example.com`; the `/v1/…` paths are appended. */
  baseUrl: string;
  token: string;
  merchant: string;
  terminal: string;
  /** Per call, covering connect, send and reading the reply. */
  timeoutMs: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Longest piece of a refusal's text kept for the screen and the log. */
const DETAIL_MAX = 200;

/**
 * The back office's three calls over fetch. It never throws for anything the
 * network or the server does: every such condition is a BackOfficeResult.
 * The body goes as the exact bytes given (they were frozen at settlement).
 */
export function createBackOfficeClient(
  config: BackOfficeConfig,
  deps: { fetch?: FetchLike } = {},
): BackOfficeClient {
  const fetchImpl: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init));
  const base = config.baseUrl.trim().replace(/\/+$/, '');

  async function call(
    method: 'PUT' | 'POST',
    batchNo: string,
    suffix: string,
    body: Buffer,
    caller?: AbortSignal,
    expect?: Record<string, unknown>,
  ): Promise<BackOfficeResult> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const signal = caller ? AbortSignal.any([timeout, caller]) : timeout;
    const url = `${base}${batchPath(config.merchant, config.terminal, batchNo)}${suffix}`;
    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${config.token}`,
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
        },
        // A view of the same bytes, no copy; typed for both Node's and the DOM's
        // fetch (the renderer's test project compiles this file with the DOM
        // library). Buffers from SQLite are backed by a plain ArrayBuffer.
        body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength),
        // A redirect would re-send the body (and the token) somewhere the
        // settings didn't name: a 3xx is reported, never followed.
        redirect: 'manual',
        signal,
      });
      // Read the reply under the same deadline: one that stalls half-way is no answer.
      text = await res.text();
    } catch {
      if (caller?.aborted) return { kind: 'retry', reason: 'aborted' };
      return { kind: 'retry', reason: timeout.aborted ? 'timeout' : 'network' };
    }
    return interpret(res.status, text, expect);
  }

  return {
    putHeader: (batchNo, body, signal) => call('PUT', batchNo, '', body, signal),
    putPart: (batchNo, part, body, signal) => call('PUT', batchNo, `/parts/${part}`, body, signal),
    // What a commit's answer echoes of the commit must be what was sent.
    commit: (batchNo, body, signal) =>
      call('POST', batchNo, '/commit', body, signal, parseObject(body.toString('utf8')) ?? {}),
  };
}

/**
 * Maps an HTTP status and reply text to a result; exported for tests.
 * `expect`: the request's fields that the reply, where it repeats them, must
 * repeat unchanged (the commit's count, parts and sha256).
 */
export function interpret(
  status: number,
  text: string,
  expect: Record<string, unknown> = {},
): BackOfficeResult {
  if (status >= 200 && status < 300) {
    if (text.trim() === '') return { kind: 'ok', status };
    // A 2xx whose body isn't a JSON object came from something else on the
    // way (a captive portal, a misrouted proxy, a stub answering "OK"):
    // counting it as stored would skip a part the back office never saw.
    const reply = parseObject(text);
    if (!reply) return { kind: 'retry', reason: 'bad-reply', status, detail: 'not a JSON object' };
    if (reply.ok === false)
      return { kind: 'retry', reason: 'bad-reply', status, detail: 'ok: false' };
    // A commit acknowledged with another digest or count is the back office
    // holding something else than what was sent: never counted as uploaded.
    for (const [key, sent] of Object.entries(expect)) {
      if (reply[key] !== undefined && reply[key] !== sent) {
        const got = JSON.stringify(reply[key]).slice(0, 80);
        return { kind: 'retry', reason: 'bad-reply', status, detail: `answer has ${key} ${got}` };
      }
    }
    return { kind: 'ok', status };
  }
  if (status === 409) return { kind: 'conflict', status, detail: detail(text) };
  if (status === 401 || status === 403) return { kind: 'unauthorized', status };
  // Request timeout / too many requests / too early: the server asks us to come back.
  if (status === 408 || status === 425 || status === 429)
    return { kind: 'retry', reason: 'busy', status };
  if (status >= 500) return { kind: 'retry', reason: 'http-5xx', status };
  if (status >= 400) return { kind: 'rejected', status, detail: detail(text) };
  return { kind: 'retry', reason: 'bad-reply', status };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  const json = parseJson(text);
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : null;
}

/** The refusal's `code`/`message` if it sent JSON, else the start of its text, on one line. */
function detail(text: string): string {
  const json = parseJson(text);
  if (json && typeof json === 'object') {
    const { code, message } = json as { code?: unknown; message?: unknown };
    const parts = [code, message].filter((v) => typeof v === 'string');
    if (parts.length > 0) return parts.join(' ').slice(0, DETAIL_MAX);
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, DETAIL_MAX);
}
