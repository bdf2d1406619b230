import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverCancel } from '../../../main/qr/cancel-delivery';
import { MERCHANT, startHarness, TERMINAL, TOKEN, wechatCode, type Harness } from './harness';

// Real client, real HTTP to the training gateway on port 0, instant clock.
describe('QR payment against the training gateway: outcome by last digit', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.gateway.close();
  });

  const payCalls = () => h.gateway.requests().filter((r) => r.path === '/pay');

  it.each([0, 1, 2, 3, 4])('digit %i: approved at once', async (digit) => {
    const out = await h.pay(digit);
    expect(out).toMatchObject({ status: 'approved', wallet: 'wechat' });
    expect(out.transactionId).toMatch(/^TW\d{10}$/);
    expect(out.payerId).toBe(`payer-wechat-678${digit}`);
    expect(h.gateway.orders()).toMatchObject([
      { orderNo: out.orderNo, status: 'SUCCESS', amountFen: 1250, scenario: digit },
    ]);
    expect(h.gateway.requests().map((r) => r.path)).toEqual(['/pay']);
  });

  it('digit 5: user paying, approved on the 3rd query, 5 s apart', async () => {
    const out = await h.pay(5);
    expect(out.status).toBe('approved');
    expect(out.timeline.map((c) => [c.op, c.at - out.startedAt])).toEqual([
      ['pay', 0],
      ['query', 5_000],
      ['query', 10_000],
      ['query', 15_000],
    ]);
    expect(out.progress.filter((p) => p.phase === 'waiting-for-customer')).toHaveLength(3);
    expect(payCalls()).toHaveLength(1);
  });

  it('digit 6: user paying forever, cancelled at 60 s, order closed', async () => {
    const out = await h.pay(6);
    expect(out).toMatchObject({
      status: 'cancelled',
      reason: 'timed-out',
      cancel: { kind: 'done', outcome: 'closed' },
    });
    expect(out.timeline.filter((c) => c.op === 'query')).toHaveLength(12);
    expect(out.finishedAt - out.startedAt).toBe(60_000);
    expect(h.gateway.orders()[0]?.status).toBe('CLOSED');
    expect(payCalls()).toHaveLength(1);
  });

  it('digit 7: declined, insufficient balance', async () => {
    const out = await h.pay(7);
    expect(out).toMatchObject({
      status: 'declined',
      reason: 'gateway-declined',
      gatewayCode: 'NOTENOUGH',
    });
    expect(out.transactionId).toBeUndefined();
    expect(h.gateway.orders()[0]?.status).toBe('FAIL');
  });

  it('digit 8: system error on pay is uncertain; queries find NOTPAY; cancelled', async () => {
    const out = await h.pay(8);
    expect(out.timeline[0]?.result).toEqual({
      kind: 'uncertain',
      reason: 'http-5xx',
      httpStatus: 500,
    });
    expect(out.timeline.slice(1, -1).every((c) => c.op === 'query')).toBe(true);
    expect(out).toMatchObject({ status: 'cancelled', reason: 'timed-out' });
    expect(h.gateway.orders()[0]?.status).toBe('CLOSED');
    expect(payCalls()).toHaveLength(1);
  });

  it('digit 9: the pay reply is held past the client timeout; the query finds it paid', async () => {
    await h.gateway.close();
    h = await startHarness({ holdMs: 1_000 }, { timeoutMs: 150 });
    const out = await h.pay(9);
    expect(out.timeline[0]?.result).toEqual({ kind: 'uncertain', reason: 'timeout' });
    expect(out).toMatchObject({ status: 'approved' });
    expect(out.transactionId).toMatch(/^TW/);
    expect(out.timeline.map((c) => c.op)).toEqual(['pay', 'query']);
    expect(h.gateway.requests()[0]).toMatchObject({ path: '/pay', held: true });
  });

  it('a cancel of a paid order reverses it (REFUNDED)', async () => {
    const paid = await h.pay(0);
    expect(await deliverCancel(h.client, paid)).toMatchObject({
      kind: 'done',
      outcome: 'reversed',
      reply: { status: 'REFUNDED' },
    });
    expect(h.gateway.orders()[0]).toMatchObject({ status: 'REFUNDED', refundedFen: 1250 });
    // and again: idempotent
    expect(await deliverCancel(h.client, paid)).toMatchObject({
      kind: 'done',
      outcome: 'reversed',
    });
  });

  it('refuses a request without the right bearer token (401), touching nothing', async () => {
    const out = await h.pay(0, { client: h.clientWith({ token: 'wrong' }) });
    expect(out).toMatchObject({ status: 'declined', reason: 'gateway-unauthorized' });
    const bare = await fetch(`${h.gateway.baseUrl}/pay`, { method: 'POST', body: '{}' });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(h.gateway.orders()).toEqual([]);
  });

  it('validates bodies with a 400 and a message', async () => {
    const post = (path: string, body: string) =>
      fetch(`${h.gateway.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body,
      });
    const bad = await post(
      '/pay',
      JSON.stringify({ merchant: MERCHANT, terminal: TERMINAL, orderNo: 'X1', amountFen: 1.5 }),
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message).toMatch(/authCode/);
    expect(body.message).toMatch(/amountFen/);
    expect((await post('/query', 'not json')).status).toBe(400);
    const badCode = await post(
      '/pay',
      JSON.stringify({
        merchant: MERCHANT,
        terminal: TERMINAL,
        orderNo: 'X1',
        authCode: '77123',
        amountFen: 1,
      }),
    );
    expect(badCode.status).toBe(400);
    expect(await badCode.json()).toMatchObject({ code: 'AUTH_CODE_INVALID' });
    expect((await post('/nope', '{}')).status).toBe(404);
    expect(h.gateway.orders()).toEqual([]);
  });

  it('order numbers are single-use', async () => {
    const first = await h.pay(0);
    const second = await h.pay(1, { orderNo: first.orderNo });
    expect(second).toMatchObject({ status: 'declined', gatewayCode: 'ORDER_USED' });
    expect(h.gateway.orders()).toHaveLength(1);
    expect(h.gateway.orders()[0]).toMatchObject({ status: 'SUCCESS', scenario: 0 });
  });

  it('a cancel for an order the gateway never saw burns the number', async () => {
    const no = h.orderNo();
    expect(await deliverCancel(h.client, { orderNo: no })).toEqual({
      kind: 'done',
      outcome: 'not-found',
    });
    const late = await h.client.pay({ orderNo: no, authCode: wechatCode(0).code, amountFen: 1 });
    expect(late).toMatchObject({ kind: 'reply', reply: { status: 'FAIL', code: 'ORDER_USED' } });
    expect(h.gateway.orders()).toEqual([]);
  });
});
