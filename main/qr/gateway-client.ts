import { crashPoint } from '../core/crash-point';
import { maskDigitRuns } from '../domain/pan';
import {
  gatewayErrorSchema,
  gatewayReplySchema,
  type GatewayReply,
  type OrderRef,
  type PayBody,
  type RefundBody,
} from './protocol';

export type UncertainReason = 'timeout' | 'http-5xx' | 'network' | 'bad-reply' | 'not-this-order';
export type RejectedReason = 'unauthorized' | 'http-4xx';

/**
 * What one call to the gateway came to. Only `reply` says anything about the
 * payment; `uncertain` means the request may or may not have been acted on
 * (so a pay must be queried, never repeated); `rejected` means the gateway
 * refused the request itself without acting on it.
 */
export type GatewayResult =
  | { kind: 'reply'; reply: GatewayReply }
  | { kind: 'uncertain'; reason: UncertainReason; httpStatus?: number; detail?: string }
  | { kind: 'rejected'; reason: RejectedReason; status: number; code?: string; message?: string };

export interface QrGatewayConfig {
  /** e.g. `https://qr.example.com/v1`; the endpoint names are appended. */
  baseUrl: string;
  token: string;
  merchant: string;
  terminal: string;
  /** Per request, covering connect, send and reading the reply. Default 10 s. */
  timeoutMs?: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface QrGatewayClient {
  pay(req: Omit<PayBody, 'merchant' | 'terminal'>): Promise<GatewayResult>;
  /**
   * `amountFen`, when given, is not sent (the protocol's query has none): it
   * is what a reply that echoes an amount must say.
   */
  query(
    req: Omit<OrderRef, 'merchant' | 'terminal'> & { amountFen?: number },
  ): Promise<GatewayResult>;
  cancel(req: Omit<OrderRef, 'merchant' | 'terminal'>): Promise<GatewayResult>;
  /** `orderNo` is the original payment's order number. */
  refund(req: Omit<RefundBody, 'merchant' | 'terminal'>): Promise<GatewayResult>;
}

export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;

/**
 * A client for the gateway's four endpoints. It never throws for anything the
 * network or the gateway does: every such condition is a GatewayResult.
 * `fetch` is a parameter so tests (or a proxy-aware agent) can stand in.
 */
export function createQrGatewayClient(
  config: QrGatewayConfig,
  deps: { fetch?: FetchLike } = {},
): QrGatewayClient {
  const fetchImpl: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init));
  const base = config.baseUrl.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  const ref = { merchant: config.merchant, terminal: config.terminal };

  /** `expect`: what the reply must echo, when it echoes it (request fields by default). */
  async function post(
    path: string,
    body: Record<string, unknown>,
    expect: Record<string, unknown> = body,
  ): Promise<GatewayResult> {
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${config.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        // A redirected POST would be re-sent (307) or turned into a GET (302):
        // neither is safe for a payment, so a 3xx is not followed.
        redirect: 'manual',
        signal,
      });
      // Read the body under the same deadline: a reply that stalls half-way
      // is as uncertain as one that never started.
      text = await res.text();
    } catch (err) {
      return { kind: 'uncertain', reason: isTimeout(err, signal) ? 'timeout' : 'network' };
    }
    crashPoint('gateway:answered');
    return interpret(res.status, text, expect);
  }

  return {
    pay: (req) =>
      post('/pay', {
        ...ref,
        orderNo: req.orderNo,
        authCode: req.authCode,
        amountFen: req.amountFen,
      }),
    query: (req) =>
      post(
        '/query',
        { ...ref, orderNo: req.orderNo },
        { ...ref, orderNo: req.orderNo, amountFen: req.amountFen },
      ),
    cancel: (req) => post('/cancel', { ...ref, orderNo: req.orderNo }),
    refund: (req) => {
      const body = {
        ...ref,
        orderNo: req.orderNo,
        refundNo: req.refundNo,
        amountFen: req.amountFen,
      };
      // A refund's reply may give the order's total where we sent the refund's amount.
      return post('/refund', body, { ...ref, orderNo: req.orderNo, refundNo: req.refundNo });
    },
  };
}

function isTimeout(err: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/**
 * The request fields a reply may echo. The protocol's reply does not have to
 * carry them, but when it does they must be this request's: a SUCCESS that
 * names another order number, merchant, terminal, refund number or amount is
 * the answer to some other request (a gateway mixing up connections, a proxy
 * cache), and taking it would mark this order paid on someone else's money.
 * It says nothing about this order: uncertain, so a pay is queried and
 * cancelled, never taken as approved.
 */
const ECHOED_FIELDS = ['merchant', 'terminal', 'orderNo', 'refundNo', 'amountFen'] as const;

function foreignEcho(sent: Record<string, unknown>, json: unknown): string | null {
  if (!json || typeof json !== 'object') return null;
  const got = json as Record<string, unknown>;
  for (const key of ECHOED_FIELDS) {
    if (sent[key] === undefined || got[key] === undefined) continue;
    // Same value, whether the gateway echoes it as a JSON number or a string.
    if (String(got[key]) !== String(sent[key])) {
      return `reply names ${key} ${JSON.stringify(got[key]).slice(0, 40)}, the request ${JSON.stringify(sent[key])}`;
    }
  }
  return null;
}

/**
 * Maps an HTTP status and body to a result; exported for unit tests. `sent`
 * is the request body, to check what the reply echoes of it.
 */
export function interpret(
  status: number,
  text: string,
  sent: Record<string, unknown> = {},
): GatewayResult {
  if (status >= 500) return { kind: 'uncertain', reason: 'http-5xx', httpStatus: status };
  if (status >= 400) {
    const body = gatewayErrorSchema.safeParse(parseJson(text));
    const extra = body.success ? pickDefined(body.data) : {};
    const reason: RejectedReason = status === 401 || status === 403 ? 'unauthorized' : 'http-4xx';
    return { kind: 'rejected', reason, status, ...extra };
  }
  // 1xx/3xx (and anything odd) say nothing about the payment.
  if (status < 200 || status >= 300) {
    return { kind: 'uncertain', reason: 'bad-reply', httpStatus: status };
  }
  const json = parseJson(text);
  const reply = gatewayReplySchema.safeParse(json);
  if (!reply.success) return { kind: 'uncertain', reason: 'bad-reply', httpStatus: status };
  const foreign = foreignEcho(sent, json);
  if (foreign)
    return { kind: 'uncertain', reason: 'not-this-order', httpStatus: status, detail: foreign };
  const { code, message } = reply.data;
  return {
    kind: 'reply',
    reply: {
      ...reply.data,
      ...(code !== undefined ? { code: masked(code) } : {}),
      ...(message !== undefined ? { message: masked(message) } : {}),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function pickDefined(body: { code?: string; message?: string }): {
  code?: string;
  message?: string;
} {
  const out: { code?: string; message?: string } = {};
  if (body.code !== undefined) out.code = masked(body.code);
  if (body.message !== undefined) out.message = masked(body.message);
  return out;
}

/**
 * The gateway's free text is stored, audited and shown: a gateway that puts
 * the customer's payment code (16-24 digits) in it gets it cut to 4 / 4,
 * the only form of the code the terminal keeps.
 */
const masked = (text: string) => maskDigitRuns(text, 4);
