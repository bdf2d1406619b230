import { crashPoint } from '../core/crash-point';
import {
  gatewayErrorSchema,
  gatewayReplySchema,
  type GatewayReply,
  type OrderRef,
  type PayBody,
  type RefundBody,
} from './protocol';

export type UncertainReason = 'timeout' | 'http-5xx' | 'network' | 'bad-reply';
export type RejectedReason = 'unauthorized' | 'http-4xx';

/**
 * What one call to the gateway came to. Only `reply` says anything about the
 * payment; `uncertain` means the request may or may not have been acted on
 * (so a pay must be queried, never repeated); `rejected` means the gateway
 * refused the request itself without acting on it.
 */
export type GatewayResult =
  | { kind: 'reply'; reply: GatewayReply }
  | { kind: 'uncertain'; reason: UncertainReason; httpStatus?: number }
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
  query(req: Omit<OrderRef, 'merchant' | 'terminal'>): Promise<GatewayResult>;
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

  async function post(path: string, body: object): Promise<GatewayResult> {
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
    return interpret(res.status, text);
  }

  return {
    pay: (req) =>
      post('/pay', {
        ...ref,
        orderNo: req.orderNo,
        authCode: req.authCode,
        amountFen: req.amountFen,
      }),
    query: (req) => post('/query', { ...ref, orderNo: req.orderNo }),
    cancel: (req) => post('/cancel', { ...ref, orderNo: req.orderNo }),
    refund: (req) =>
      post('/refund', {
        ...ref,
        orderNo: req.orderNo,
        refundNo: req.refundNo,
        amountFen: req.amountFen,
      }),
  };
}

function isTimeout(err: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** Maps an HTTP status and body to a result; exported for unit tests. */
export function interpret(status: number, text: string): GatewayResult {
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
  const reply = gatewayReplySchema.safeParse(parseJson(text));
  if (!reply.success) return { kind: 'uncertain', reason: 'bad-reply', httpStatus: status };
  return { kind: 'reply', reply: reply.data };
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
  if (body.code !== undefined) out.code = body.code;
  if (body.message !== undefined) out.message = body.message;
  return out;
}
