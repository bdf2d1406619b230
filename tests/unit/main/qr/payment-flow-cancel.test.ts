import { describe, expect, it } from 'vitest';
import { at, setup } from './flow-fixture';
import { rejected, reply, uncertain, type Step } from './scripted-client';

describe('QR payment flow: cancelling', () => {
  it('cancels when the cashier presses cancel between queries', async () => {
    const cashier = new AbortController();
    const { client, run } = setup(
      {
        pay: [reply('USERPAYING')],
        query: [
          reply('USERPAYING'),
          () => {
            cashier.abort();
            return reply('USERPAYING');
          },
        ],
        cancel: [reply('CLOSED')],
      },
      { signal: cashier.signal },
    );
    const out = await run();
    expect(out).toMatchObject({ status: 'cancelled', reason: 'cashier-cancelled' });
    expect(client.calls.map((c) => c.op)).toEqual(['pay', 'query', 'query', 'cancel']);
    expect(at(out, 'cancel')).toEqual([10_000]);
  });

  it('abandons a query still in flight when the cashier cancels', async () => {
    const cashier = new AbortController();
    const { client, run } = setup(
      {
        pay: [uncertain('timeout')],
        query: [
          () => {
            queueMicrotask(() => cashier.abort());
            return new Promise<never>(() => {}); // the gateway never answers
          },
        ],
        cancel: [reply('REFUNDED', { code: 'REVERSED', transactionId: 'TX7' })],
      },
      { signal: cashier.signal },
    );
    const out = await run();
    expect(out).toMatchObject({
      status: 'cancelled',
      reason: 'cashier-cancelled',
      cancel: { kind: 'done', outcome: 'reversed' },
      transactionId: 'TX7',
    });
    expect(out.timeline.map((c) => [c.op, c.result.kind])).toEqual([
      ['pay', 'uncertain'],
      ['query', 'abandoned'],
      ['cancel', 'reply'],
    ]);
    expect(client.count('pay')).toBe(1);
  });

  it('sends nothing when the cashier cancelled before the pay', async () => {
    const cashier = new AbortController();
    cashier.abort();
    const { client, run } = setup({ pay: [reply('SUCCESS')] }, { signal: cashier.signal });
    const out = await run();
    expect(out).toMatchObject({ status: 'cancelled', reason: 'cashier-cancelled', timeline: [] });
    expect(client.calls).toEqual([]);
  });

  it('lets a definite pay answer stand over a cancel pressed while it was in flight', async () => {
    const cashier = new AbortController();
    const { client, run } = setup(
      {
        pay: [
          () => {
            cashier.abort();
            return reply('SUCCESS');
          },
        ],
      },
      { signal: cashier.signal },
    );
    expect(await run()).toMatchObject({ status: 'approved' });
    expect(client.calls.map((c) => c.op)).toEqual(['pay']);
  });

  it('goes straight to cancel when the cashier cancelled during an unfinished pay', async () => {
    const cashier = new AbortController();
    const { client, run } = setup(
      {
        pay: [
          () => {
            cashier.abort();
            return reply('USERPAYING');
          },
        ],
        cancel: [reply('CLOSED')],
      },
      { signal: cashier.signal },
    );
    expect(await run()).toMatchObject({ status: 'cancelled', reason: 'cashier-cancelled' });
    expect(client.calls.map((c) => c.op)).toEqual(['pay', 'cancel']);
  });

  it.each([
    [rejected(404, 'ORDER_NOT_FOUND'), 'cancelled', { kind: 'done', outcome: 'not-found' }],
    [reply('SUCCESS'), 'cancelled', { kind: 'done', outcome: 'closed' }],
    [reply('USERPAYING'), 'cancel-pending', { kind: 'retry-later', reason: 'still-paying' }],
    [rejected(401), 'cancel-pending', { kind: 'retry-later', reason: 'unauthorized' }],
    [
      reply('FAIL', { code: 'SYSTEMERROR' }),
      'cancel-pending',
      { kind: 'retry-later', reason: 'gateway-busy' },
    ],
    [
      reply('FAIL', { code: 'REVERSE_EXPIRE' }),
      'cancel-failed',
      { kind: 'gave-up', reason: 'refused' },
    ],
    [rejected(400, 'BAD_REQUEST'), 'cancel-failed', { kind: 'gave-up', reason: 'bad-request' }],
  ] as const)('judges the cancel reply %o as %s', async (cancelResult, status, verdict) => {
    const { run } = setup({
      pay: [reply('USERPAYING')],
      query: [reply('USERPAYING')],
      cancel: [cancelResult as Step],
    });
    const out = await run();
    expect(out.status).toBe(status);
    expect(out.cancel).toMatchObject(verdict);
    expect(out.pendingCancel !== undefined).toBe(status === 'cancel-pending');
  });
});
