import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView, Result, ReturnRun, ReturnView } from '../../../preload/contract';
import { SUPERVISOR, hostLog, type CardTill } from '../cards/harness';
import { call, payByCard } from './harness';
import {
  money,
  presentCard,
  returnLines,
  settle,
  shop,
  storedWholeReturn,
  threeLines,
} from './returns-harness';

/**
 * A return step planned as a card void (the whole card payment, its batch
 * open) that did not go before the batch settled: the host can no longer void
 * it, so 继续退款 gives the same amount back by 退货, once (issue 15).
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const everything = (o: OrderView) => o.lines.map((l) => ({ lineId: l.id, quantity: l.quantity }));

/** What the host was asked after `from`, without the trace numbers. */
const askedSince = (log: string[], from: number) =>
  log.slice(from).map((l) => l.replace(/ \d{6} /, ' '));

/** 继续退款 with the customer's card at the PIN pad. */
async function resume(t: CardTill, returnId: number): Promise<ReturnRun> {
  const resumed = t.core.dispatch('returns:resume', {
    returnId,
    supervisor: SUPERVISOR,
  }) as Promise<Result<ReturnRun>>;
  await presentCard(t, 'approve');
  const done = await resumed;
  if (!done.ok) throw new Error(JSON.stringify(done.error));
  return done.value;
}

describe('a return planned as a card void, its batch settled before the void went', () => {
  it('shows the step as the 退货 it now is, sends one refund and no void, and finishes', async () => {
    const t = (till = await shop());
    const order = await threeLines(t);
    const paid = await payByCard(t.core, order.id);
    // The return as create() stores it when the host is out of reach before its first step.
    const returnId = storedWholeReturn(t, order, 'R20261124000077', paid.order.payments[0]!.id);
    const before = await call<ReturnView>(t.core, 'returns:get', { returnId });
    expect(before.refunds.map((s) => [s.kind, s.state])).toEqual([['void', 'planned']]);

    await settle(t);
    const after = await call<ReturnView>(t.core, 'returns:get', { returnId });
    // The screen already says what 继续退款 will do.
    expect(after.refunds.map((s) => [s.tender, s.kind, s.amountFen, s.state])).toEqual([
      ['card', 'refund', 2050, 'planned'],
    ]);

    const host = await t.host();
    const from = hostLog(host).length;
    const run = await resume(t, returnId);
    expect(run.problem).toBeNull();
    expect(run.return.state).toBe('done');
    expect(run.return.refunds.map((s) => [s.kind, s.state])).toEqual([['refund', 'done']]);
    expect(askedSince(hostLog(host), from)).toEqual(['0220 → 00']);
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'refunded', 2050],
      ['refund', 'card', 'approved', 2050],
    ]);
  });

  it('a void left to its reversal: settlement reverses it, 继续退款 then refunds the amount once', async () => {
    const t = (till = await shop());
    const order = await threeLines(t);
    await payByCard(t.core, order.id);
    const host = await t.host();

    // The connection drops after the void went out: nobody knows, so it is reversed.
    host.faults.refuseConnections(true);
    const first = await returnLines(t, order.id, everything(order));
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value.problem?.code).toBe('RETURN_STEP_UNDECIDED');
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'approved', 2050],
      ['void', 'card', 'reversal_pending', 2050],
    ]);
    host.faults.refuseConnections(false);

    // Settlement sends the reversal first, then closes the batch.
    await settle(t);
    const from = hostLog(host).length;
    const run = await resume(t, first.value.return.id);
    expect(run.problem).toBeNull();
    expect(run.return.state).toBe('done');
    expect(run.return.refunds.map((s) => [s.kind, s.amountFen, s.state])).toEqual([
      ['refund', 2050, 'done'],
    ]);
    expect(askedSince(hostLog(host), from)).toEqual(['0220 → 00']);
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'refunded', 2050],
      ['void', 'card', 'reversed', 2050],
      ['refund', 'card', 'approved', 2050],
    ]);
  });
});
