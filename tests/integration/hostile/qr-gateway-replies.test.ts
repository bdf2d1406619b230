import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyPaymentCode, makeOrderNo, type PaymentCode } from '../../../main/domain/qr-code';
import { createQrGatewayClient } from '../../../main/qr/gateway-client';
import { runQrPayment } from '../../../main/qr/payment-flow';
import { manualScheduler } from '../../../main/qr/scheduler';

/**
 * A hostile QR gateway on loopback: the real client and the real payment
 * flow against HTTP answers that are wrong in every way a broken gateway or
 * a proxy in between can be wrong. The rule (PRODUCT.md §4): only a valid
 * SUCCESS for THIS order is approved; anything else on a pay is uncertain —
 * queried, then cancelled — never approved, never blindly re-sent.
 */

const MERCHANT = '898310048160001';
const TERMINAL = 'T0000001';
const CODE = classifyPaymentCode('134567890123456780') as PaymentCode;

interface Seen {
  path: string;
  body: Record<string, unknown>;
}
type Answer = { status: number; body: string; headers?: Record<string, string>; delayMs?: number };
type Script = (path: string, body: Record<string, unknown>) => Answer;

let server: Server | null = null;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(null));
  server = null;
});

async function hostile(script: Script): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const path = (req.url ?? '').replace(/^\/gw/, '');
      seen.push({ path, body });
      const a = script(path, body);
      setTimeout(() => {
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(a.body);
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}/gw`, seen };
}

const json = (v: unknown, status = 200): Answer => ({ status, body: JSON.stringify(v) });
/** What an honest gateway says to the query and the cancel of an unpaid order. */
const honest = (path: string): Answer =>
  path === '/cancel'
    ? json({ status: 'CLOSED', wallet: 'wechat' })
    : json({ status: 'NOTPAY', wallet: 'wechat' });

async function pay(base: string, amountFen = 1250) {
  const client = createQrGatewayClient({
    baseUrl: base,
    token: 't',
    merchant: MERCHANT,
    terminal: TERMINAL,
    timeoutMs: 400,
  });
  const orderNo = makeOrderNo(
    TERMINAL,
    { year: 2026, month: 12, day: 6, hour: 9, minute: 0, second: 0 },
    '000001',
  );
  const out = await runQrPayment(
    { orderNo, payment: CODE, amountFen },
    { client, scheduler: manualScheduler(1_700_000_000_000) },
  );
  return { out, orderNo };
}

describe('QR gateway: a SUCCESS that answers another request is not this payment', () => {
  it.each([
    ['another order number', { orderNo: 'T0000001261206090000999999' }],
    ['another amount', { amountFen: 1 }],
    ['another amount, as a string', { amountFen: '125000' }],
    ['another terminal', { terminal: 'T0000002' }],
    ['another merchant', { merchant: '898310048169999' }],
  ])('pay answered SUCCESS for %s: queried, cancelled, never approved', async (_, echo) => {
    const foreign = json({ status: 'SUCCESS', wallet: 'wechat', transactionId: 'X1', ...echo });
    const { base, seen } = await hostile((path) => (path === '/cancel' ? honest(path) : foreign));
    const { out } = await pay(base);
    expect(out.status).toBe('cancelled');
    expect(out.transactionId).toBeUndefined();
    expect(out.timeline[0]?.result).toMatchObject({ kind: 'uncertain', reason: 'not-this-order' });
    // Never re-sent: one pay, then queries, then the cancel.
    expect(seen.filter((s) => s.path === '/pay')).toHaveLength(1);
    expect(seen.at(-1)?.path).toBe('/cancel');
  });

  it('a SUCCESS that echoes this order exactly (number as a string too) is approved', async () => {
    const { base } = await hostile((_, body) =>
      json({
        status: 'SUCCESS',
        wallet: 'wechat',
        transactionId: 'T9',
        orderNo: body.orderNo,
        amountFen: String(body.amountFen),
        merchant: MERCHANT,
        terminal: TERMINAL,
      }),
    );
    const { out } = await pay(base);
    expect(out).toMatchObject({ status: 'approved', transactionId: 'T9' });
  });

  it('the pay is lost, and the query answers SUCCESS for another order: cancelled', async () => {
    const { base } = await hostile((path) =>
      path === '/pay'
        ? {
            status: 502,
            body: '<html>Bad Gateway</html>',
            headers: { 'content-type': 'text/html' },
          }
        : path === '/query'
          ? json({ status: 'SUCCESS', wallet: 'wechat', orderNo: 'SOMEONEELSE01' })
          : honest(path),
    );
    const { out } = await pay(base);
    expect(out.status).toBe('cancelled');
    const queries = out.timeline.filter((c) => c.op === 'query');
    expect(queries.length).toBeGreaterThan(1);
    expect(queries.every((q) => q.result.kind === 'uncertain')).toBe(true);
  });
});

describe('QR gateway: broken replies to the pay are uncertain, never approved or retried', () => {
  it.each<[string, Answer]>([
    ['not JSON', { status: 200, body: 'OK' }],
    ['truncated JSON', { status: 200, body: '{"status":"SUCC' }],
    ['JSON without wallet', json({ status: 'SUCCESS' })],
    ['status of the wrong type', json({ status: 1, wallet: 'wechat' })],
    ['an unknown status', json({ status: 'PAID', wallet: 'wechat' })],
    ['HTTP 500 with an HTML page', { status: 500, body: '<html><h1>500</h1></html>' }],
    ['HTTP 502 with an HTML page', { status: 502, body: '<html><h1>502</h1></html>' }],
    ['a redirect', { status: 302, body: '', headers: { location: 'http://127.0.0.1:1/' } }],
    ['a 307 redirect', { status: 307, body: '', headers: { location: '/gw/pay2' } }],
  ])('%s', async (_, answer) => {
    const { base, seen } = await hostile((path) => (path === '/pay' ? answer : honest(path)));
    const { out } = await pay(base);
    expect(out.status).toBe('cancelled');
    expect(out.timeline[0]?.result.kind).toBe('uncertain');
    expect(seen.filter((s) => s.path === '/pay')).toHaveLength(1);
    expect(seen.some((s) => s.path === '/pay2')).toBe(false);
  });

  it('a gateway slower than the timeout: uncertain, queried, cancelled', async () => {
    const { base } = await hostile((path) =>
      path === '/pay'
        ? { ...json({ status: 'SUCCESS', wallet: 'wechat' }), delayMs: 800 }
        : honest(path),
    );
    const { out } = await pay(base);
    expect(out.timeline[0]?.result).toEqual({ kind: 'uncertain', reason: 'timeout' });
    expect(out.status).toBe('cancelled');
  });
});
