import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverCancel } from '../../../main/qr/cancel-delivery';
import type { QrProgress } from '../../../main/qr/payment-outcome';
import { startHarness, type Harness } from './harness';

describe('training gateway: refunds', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.gateway.close();
  });

  const refunded = (transactionId?: string) => ({
    kind: 'reply',
    reply: { status: 'REFUNDED', wallet: 'wechat', ...(transactionId ? { transactionId } : {}) },
  });
  const failed = (code: string) => ({ kind: 'reply', reply: { status: 'FAIL', code } });

  it('refunds partially and repeatedly up to the original, never beyond', async () => {
    const { orderNo } = await h.pay(0, { amountFen: 1000 });
    const refund = (refundNo: string, amountFen: number) =>
      h.client.refund({ orderNo, refundNo, amountFen });

    const r1 = await refund('R1', 300);
    expect(r1).toMatchObject(refunded());
    expect(await refund('R1', 300)).toEqual(r1); // same refundNo: the same answer, once
    expect(await refund('R1', 301)).toMatchObject(failed('REFUNDNO_CONFLICT'));
    expect(await refund('R2', 500)).toMatchObject(refunded());
    expect(await refund('R3', 201)).toMatchObject(failed('REFUND_EXCEEDS'));
    expect(h.gateway.orders()[0]).toMatchObject({ status: 'SUCCESS', refundedFen: 800 });
    expect(await h.client.query({ orderNo })).toMatchObject({ reply: { status: 'SUCCESS' } });

    expect(await refund('R3', 200)).toMatchObject(refunded());
    expect(await refund('R4', 1)).toMatchObject(failed('REFUND_EXCEEDS'));
    expect(await h.client.query({ orderNo })).toMatchObject({ reply: { status: 'REFUNDED' } });
    const order = h.gateway.orders()[0];
    expect(order).toMatchObject({ status: 'REFUNDED', refundedFen: 1000 });
    expect(order?.refunds.map((r) => [r.refundNo, r.amountFen])).toEqual([
      ['R1', 300],
      ['R2', 500],
      ['R3', 200],
    ]);
  });

  it('refuses refunds of unpaid or unknown orders', async () => {
    const { orderNo } = await h.pay(7);
    expect(await h.client.refund({ orderNo, refundNo: 'R1', amountFen: 1 })).toMatchObject(
      failed('ORDER_NOT_PAID'),
    );
    expect(
      await h.client.refund({ orderNo: h.orderNo(), refundNo: 'R2', amountFen: 1 }),
    ).toMatchObject({ kind: 'rejected', status: 404, code: 'ORDER_NOT_FOUND' });
  });
});

describe('training gateway: down mid-poll, client timeouts', () => {
  let h: Harness;
  afterEach(async () => {
    await h.gateway.close();
  });

  it.each(['drop', 'http-500'] as const)(
    'gateway down mid-poll (%s) → cancel-pending; deliverCancel succeeds once it is back',
    async (kind) => {
      h = await startHarness();
      const downOnFirstWait = (p: QrProgress) => {
        if (p.phase === 'waiting-for-customer' && p.secondsLeft === 60) {
          h.gateway.failNext(Number.POSITIVE_INFINITY, kind);
        }
      };
      const out = await h.pay(6, { onProgress: downOnFirstWait });
      const why = kind === 'drop' ? 'network' : 'http-5xx';
      expect(out).toMatchObject({
        status: 'cancel-pending',
        reason: 'timed-out',
        cancel: { kind: 'retry-later', reason: why },
        pendingCancel: {
          orderNo: out.orderNo,
          wallet: 'wechat',
          amountFen: 1250,
          cause: 'timeout',
        },
      });
      expect(out.timeline.filter((c) => c.op === 'query')).toHaveLength(12);
      expect(h.gateway.orders()[0]?.status).toBe('USERPAYING');

      const pending = out.pendingCancel;
      if (!pending) throw new Error('expected a pending cancel');
      expect(await deliverCancel(h.client, pending)).toEqual({
        kind: 'retry-later',
        reason: why,
      });
      h.gateway.failNext(0); // the gateway is back
      expect(await deliverCancel(h.client, pending)).toMatchObject({
        kind: 'done',
        outcome: 'closed',
      });
      expect(h.gateway.orders()[0]?.status).toBe('CLOSED');
      expect(h.gateway.requests().filter((r) => r.path === '/pay')).toHaveLength(1);
    },
  );

  it('a short outage during the poll is ridden out: the payment still completes', async () => {
    h = await startHarness();
    const out = await h.pay(5, {
      onProgress: (p) => {
        if (p.phase === 'waiting-for-customer' && p.secondsLeft === 60) h.gateway.failNext(2);
      },
    });
    expect(out.status).toBe('approved');
    expect(out.timeline.map((c) => c.result.kind)).toEqual([
      'reply',
      'uncertain',
      'uncertain',
      'reply',
      'reply',
      'reply',
    ]);
  });

  it('a pay whose connection drops is uncertain and resolved by query, never re-sent', async () => {
    h = await startHarness();
    h.gateway.failNext(1, 'drop');
    const out = await h.pay(0);
    // the pay never reached the ledger, so queries find nothing and the cancel burns the number
    expect(out.timeline[0]?.result).toEqual({ kind: 'uncertain', reason: 'network' });
    expect(out).toMatchObject({ status: 'cancelled', cancel: { outcome: 'not-found' } });
    expect(h.gateway.requests().filter((r) => r.path === '/pay')).toHaveLength(1);
  });

  it('a client timeout shorter than the held reply is uncertain, then resolved by query', async () => {
    h = await startHarness({ holdMs: 2_000 }, { timeoutMs: 100 });
    const started = Date.now();
    const out = await h.pay(9);
    expect(Date.now() - started).toBeLessThan(1_500); // the client did not wait for the reply
    expect(out.timeline.map((c) => [c.op, c.result.kind])).toEqual([
      ['pay', 'uncertain'],
      ['query', 'reply'],
    ]);
    expect(out.timeline[0]?.result).toEqual({ kind: 'uncertain', reason: 'timeout' });
    expect(out).toMatchObject({ status: 'approved' });
    expect(h.gateway.orders()[0]?.status).toBe('SUCCESS');
  });
});
