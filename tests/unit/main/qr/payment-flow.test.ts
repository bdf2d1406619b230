import { describe, expect, it } from 'vitest';
import { nextSlot, runQrPayment } from '../../../../main/qr/payment-flow';
import { manualScheduler } from '../../../../main/qr/scheduler';
import { at, ORDER, payment, setup, T0 } from './flow-fixture';
import { rejected, reply, scriptedClient, uncertain } from './scripted-client';

describe('QR payment flow', () => {
  it('approves at once on SUCCESS, with one pay and no waiting', async () => {
    const { client, scheduler, progress, run } = setup({
      pay: [reply('SUCCESS', { transactionId: 'TX1', payerId: 'P1' })],
    });
    const out = await run();
    expect(out).toMatchObject({
      status: 'approved',
      orderNo: ORDER,
      wallet: 'wechat',
      amountFen: 1250,
      maskedCode: '1345**********6786',
      transactionId: 'TX1',
      payerId: 'P1',
      startedAt: T0,
      finishedAt: T0,
    });
    expect(out.reason).toBeUndefined();
    expect(client.calls).toEqual([
      {
        op: 'pay',
        body: { orderNo: ORDER, authCode: '134567890123456786', amountFen: 1250 },
      },
    ]);
    expect(scheduler.sleeps).toEqual([]);
    expect(progress).toEqual([{ phase: 'paying' }]);
    expect(out.timeline).toEqual([
      {
        op: 'pay',
        at: T0,
        ms: 0,
        result: { kind: 'reply', status: 'SUCCESS', transactionId: 'TX1' },
      },
    ]);
  });

  it.each(['FAIL', 'CLOSED', 'NOTPAY', 'REFUNDED'] as const)(
    'declines on %s from pay with the gateway code, without querying',
    async (status) => {
      const { client, run } = setup({
        pay: [reply(status, { code: 'NOTENOUGH', message: '余额不足' })],
      });
      const out = await run();
      expect(out).toMatchObject({
        status: 'declined',
        reason: 'gateway-declined',
        gatewayCode: 'NOTENOUGH',
        gatewayMessage: '余额不足',
      });
      expect(client.calls.map((c) => c.op)).toEqual(['pay']);
    },
  );

  it.each([
    [401, 'gateway-unauthorized'],
    [403, 'gateway-unauthorized'],
    [400, 'gateway-rejected'],
  ] as const)('declines when the gateway refuses the pay itself (%i)', async (status, reason) => {
    const { client, run } = setup({ pay: [rejected(status, 'BAD_REQUEST')] });
    const out = await run();
    expect(out).toMatchObject({ status: 'declined', reason, gatewayCode: 'BAD_REQUEST' });
    expect(client.calls.map((c) => c.op)).toEqual(['pay']);
  });

  it('polls a paying customer every 5 s and approves on the 3rd query', async () => {
    const { client, scheduler, progress, run } = setup({
      pay: [reply('USERPAYING')],
      query: [reply('USERPAYING'), reply('USERPAYING'), reply('SUCCESS', { transactionId: 'TX' })],
    });
    const wall = Date.now();
    const out = await run();
    expect(Date.now() - wall).toBeLessThan(1000); // nothing slept for real
    expect(out).toMatchObject({ status: 'approved', transactionId: 'TX', finishedAt: T0 + 15_000 });
    expect(at(out, 'query')).toEqual([5_000, 10_000, 15_000]);
    expect(scheduler.sleeps.map((s) => s.ms)).toEqual([5_000, 5_000, 5_000]);
    expect(client.count('pay')).toBe(1);
    expect(client.count('cancel')).toBe(0);
    expect(progress).toEqual([
      { phase: 'paying' },
      { phase: 'waiting-for-customer', secondsLeft: 60 },
      { phase: 'waiting-for-customer', secondsLeft: 55 },
      { phase: 'waiting-for-customer', secondsLeft: 50 },
    ]);
  });

  it('cancels a customer who never confirms at 60 s, after 12 queries', async () => {
    const { client, progress, run } = setup({
      pay: [reply('USERPAYING')],
      query: [reply('USERPAYING')],
      cancel: [reply('CLOSED', { code: 'ORDER_CLOSED' })],
    });
    const out = await run();
    expect(out).toMatchObject({
      status: 'cancelled',
      reason: 'timed-out',
      cancel: { kind: 'done', outcome: 'closed' },
      gatewayCode: 'ORDER_CLOSED',
    });
    expect(at(out, 'query')).toEqual(
      [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60].map((s) => s * 1000),
    );
    expect(at(out, 'cancel')).toEqual([60_000]);
    expect(client.count('pay')).toBe(1);
    expect(progress.at(-1)).toEqual({ phase: 'cancelling' });
    expect(out.pendingCancel).toBeUndefined();
  });

  it('queries after an uncertain pay and approves when the query finds it paid', async () => {
    const { client, run } = setup({
      pay: [uncertain('timeout')],
      query: [reply('SUCCESS', { transactionId: 'TX9' })],
    });
    const out = await run();
    expect(out).toMatchObject({ status: 'approved', transactionId: 'TX9' });
    expect(out.timeline.map((c) => c.result.kind)).toEqual(['uncertain', 'reply']);
    expect(client.count('pay')).toBe(1);
  });

  it('keeps polling through NOTPAY, 5xx and 4xx answers to a query', async () => {
    const { run } = setup({
      pay: [uncertain('http-5xx')],
      query: [
        reply('NOTPAY'),
        uncertain('http-5xx'),
        rejected(404, 'ORDER_NOT_FOUND'),
        reply('FAIL', { code: 'NOTENOUGH' }),
      ],
    });
    const out = await run();
    expect(out).toMatchObject({
      status: 'declined',
      reason: 'gateway-declined',
      gatewayCode: 'NOTENOUGH',
    });
    expect(at(out, 'query')).toEqual([5_000, 10_000, 15_000, 20_000]);
  });

  it('ends cancel-pending with what to persist when everything is uncertain', async () => {
    const { client, run } = setup({
      pay: [uncertain('network')],
      query: [uncertain('timeout')],
      cancel: [uncertain('network')],
    });
    const out = await run();
    expect(out).toMatchObject({
      status: 'cancel-pending',
      reason: 'timed-out',
      cancel: { kind: 'retry-later', reason: 'network' },
      pendingCancel: {
        orderNo: ORDER,
        wallet: 'wechat',
        amountFen: 1250,
        cause: 'timeout',
        firstAttemptAt: T0 + 60_000,
      },
    });
    expect(client.count('pay')).toBe(1);
    expect(client.count('cancel')).toBe(1);
  });

  it('skips grid slots a slow call has passed instead of bunching queries', async () => {
    const scheduler = manualScheduler(T0);
    const client = scriptedClient({
      pay: [
        () => {
          scheduler.advance(10_000); // the pay timed out after 10 s
          return uncertain('timeout');
        },
      ],
      query: [
        () => {
          scheduler.advance(7_000); // a slow query
          return reply('USERPAYING');
        },
        reply('SUCCESS'),
      ],
    });
    const out = await runQrPayment(
      { orderNo: ORDER, payment, amountFen: 1 },
      { client, scheduler },
    );
    expect(out.status).toBe('approved');
    // first query at once (slot 10 s is due), the next on the first free slot (20 s)
    expect(at(out, 'query')).toEqual([10_000, 20_000]);
    expect(scheduler.sleeps.map((s) => s.ms)).toEqual([3_000]);
  });

  it('cancels right away when a slow query ends past the deadline', async () => {
    const scheduler = manualScheduler(T0);
    const client = scriptedClient({
      pay: [reply('USERPAYING')],
      query: [
        () => {
          scheduler.advance(58_000);
          return uncertain('timeout');
        },
      ],
      cancel: [reply('CLOSED')],
    });
    const out = await runQrPayment(
      { orderNo: ORDER, payment, amountFen: 1 },
      { client, scheduler },
    );
    expect(out).toMatchObject({ status: 'cancelled', reason: 'timed-out' });
    expect(at(out, 'query')).toEqual([5_000]);
    expect(at(out, 'cancel')).toEqual([63_000]);
  });

  it('treats a client that throws as uncertain, and ignores a throwing progress callback', async () => {
    const { client, run } = setup(
      {
        pay: [
          () => {
            throw new Error('boom');
          },
        ],
        query: [reply('SUCCESS')],
      },
      {
        onProgress: () => {
          throw new Error('screen broke');
        },
      },
    );
    const out = await run();
    expect(out.status).toBe('approved');
    expect(out.timeline[0]?.result).toEqual({ kind: 'uncertain', reason: 'network' });
    expect(client.count('pay')).toBe(1);
  });

  it('refuses amounts that are not whole fen within the limit', async () => {
    const { client } = setup({ pay: [reply('SUCCESS')] });
    const scheduler = manualScheduler(T0);
    for (const amountFen of [0, -1, 1.5, 100_000_000]) {
      await expect(
        runQrPayment({ orderNo: ORDER, payment, amountFen }, { client, scheduler }),
      ).rejects.toThrow(RangeError);
    }
    expect(client.calls).toEqual([]);
  });

  it('computes grid slots', () => {
    expect(nextSlot(0, 5000, 0, 0)).toBe(5000);
    expect(nextSlot(0, 5000, 5000, 5001)).toBe(10_000);
    expect(nextSlot(0, 5000, 5000, 17_000)).toBe(20_000);
    expect(nextSlot(0, 5000, 0, 10_000)).toBe(10_000);
  });
});
