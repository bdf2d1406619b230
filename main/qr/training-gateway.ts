import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { orderRefSchema, payBodySchema, refundBodySchema } from './protocol';
import {
  createTrainingLedger,
  type LedgerAnswer,
  type TrainingLedger,
  type TrainingLedgerOptions,
  type TrainingOrder,
} from './training-ledger';

/**
 * The simulated QR gateway of training mode: a real HTTP server on loopback
 * speaking HOST-PROTOCOL.md part B, so the client under test (and a trainee)
 * goes through exactly the code path of a real gateway. Outcomes are chosen
 * by the payment code's last digit: see the table in training-ledger.ts.
 */

export type FailKind = 'http-500' | 'drop';

export interface TrainingGatewayOptions extends TrainingLedgerOptions {
  token: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default: the training gateway is never on the network. */
  host?: string;
}

export interface TrainingRequest {
  path: string;
  orderNo?: string;
  /** HTTP status sent, or 'dropped' when failNext cut the connection. */
  answer: number | 'dropped';
  /** The reply was held back (digit 9). */
  held?: boolean;
}

export interface TrainingGateway {
  baseUrl: string;
  /** Copies of every order, in arrival order. */
  orders(): TrainingOrder[];
  /** Every request seen, in arrival order (for "pay was sent once" checks). */
  requests(): TrainingRequest[];
  /**
   * The next `n` requests (any endpoint) are not processed: they get HTTP 500
   * or a closed connection, as when the gateway goes down. Replaces any count
   * still pending; failNext(0) brings the gateway back.
   */
  failNext(n: number, kind?: FailKind): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

type Route = { schema: z.ZodType; run: (ledger: TrainingLedger, body: never) => LedgerAnswer };

const ROUTES: Record<string, Route> = {
  '/pay': { schema: payBodySchema, run: (l, b) => l.pay(b) },
  '/query': { schema: orderRefSchema, run: (l, b) => l.query(b) },
  '/cancel': { schema: orderRefSchema, run: (l, b) => l.cancel(b) },
  '/refund': { schema: refundBodySchema, run: (l, b) => l.refund(b) },
};

export async function startTrainingGateway(opts: TrainingGatewayOptions): Promise<TrainingGateway> {
  const ledger = createTrainingLedger(opts);
  const expected = digest(`Bearer ${opts.token}`);
  const log: TrainingRequest[] = [];
  const held = new Set<NodeJS.Timeout>();
  let failing = { left: 0, kind: 'http-500' as FailKind };

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (failing.left > 0) {
      failing.left -= 1;
      log.push({ path, answer: failing.kind === 'drop' ? 'dropped' : 500 });
      if (failing.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      return send(res, 500, { code: 'SYSTEMERROR', message: 'training: gateway down' });
    }
    const answer = (status: number, body: unknown, orderNo?: string) => {
      log.push({ path, answer: status, ...(orderNo !== undefined ? { orderNo } : {}) });
      send(res, status, body);
    };
    // Constant-time compare of fixed-length digests: no early exit on the token.
    if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      return answer(401, { code: 'UNAUTHORIZED', message: 'missing or wrong bearer token' });
    }
    const route = ROUTES[path];
    if (req.method !== 'POST' || !route) {
      return answer(404, { code: 'NO_SUCH_ENDPOINT', message: `${req.method} ${path}` });
    }
    const raw = await readBody(req);
    if (raw === undefined) return answer(413, { code: 'TOO_LARGE', message: 'body too large' });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return answer(400, { code: 'BAD_JSON', message: 'body is not JSON' });
    }
    const parsed = route.schema.safeParse(json);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ');
      return answer(400, { code: 'BAD_REQUEST', message: message.slice(0, 256) });
    }
    const orderNo = (parsed.data as { orderNo: string }).orderNo;
    const result = route.run(ledger, parsed.data as never);
    if (result.http !== 200) return answer(result.http, result.error, orderNo);
    if (result.holdMs === undefined) return answer(200, result.reply, orderNo);
    log.push({ path, orderNo, answer: 200, held: true });
    const timer = setTimeout(() => {
      held.delete(timer);
      // The client has usually given up by now; a reply to a closed socket is dropped.
      if (!res.destroyed) send(res, 200, result.reply);
    }, result.holdMs);
    held.add(timer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { code: 'SYSTEMERROR', message: 'training: bug' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    baseUrl: `http://${hostForUrl}:${addr.port}`,
    orders: () => ledger.orders(),
    requests: () => log.map((r) => ({ ...r })),
    failNext(n, kind = 'http-500') {
      failing = { left: Math.max(0, Math.floor(n)), kind };
    },
    async close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The body as text, or undefined when it is over the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
