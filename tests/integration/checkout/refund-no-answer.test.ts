import { afterEach, describe, expect, it } from 'vitest';
import type { OrderUndoView, OrderView, Result, ReturnRun } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import {
  SUPERVISOR,
  cardTill,
  padShows,
  rows,
  supervisorReady,
  type CardTill,
} from '../cards/harness';
import { PRODUCTS, call, scanned, stockCatalogue } from './harness';
import { cardPart } from './split-harness';

/**
 * A card refund that is a step of an abandon or a return, and gets no answer
 * from the host (issue 15): it follows the reversal rules instead of staying
 * uncertain for ever — reason 98, the reversal delivered (at once, or by the
 * outbox later), the step shown waiting meanwhile and then tried again, and
 * the host ends with exactly one refund that stands.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function shop() {
  till = await cardTill();
  stockCatalogue(till.core);
  await supervisorReady(till);
  return till;
}

async function settle(core: PosCore) {
  await call(core, 'auth:signOff');
  await call(core, 'auth:signIn', SUPERVISOR);
  await call(core, 'settlement:run');
  await call(core, 'auth:signOff');
  await call(core, 'auth:signIn', { operatorNo: '01', password: '1357' });
}

/** Runs `channel`, presenting the customer's card when the refund reads it again. */
async function withCard<T>(core: PosCore, channel: string, input: unknown): Promise<T> {
  const done = core.dispatch(channel, input) as Promise<Result<T>>;
  await padShows(core, 'card');
  await call(core, 'pinpad:presentCard', { cardId: 'approve' });
  const r = await done;
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

const refunds = (core: PosCore) =>
  rows<{ state: string; amount_fen: number }>(
    core,
    "SELECT state, amount_fen FROM transactions WHERE type = 'refund' ORDER BY id",
  ).map((r) => [r.state, r.amount_fen]);

describe('a card refund step with no answer', () => {
  it('of an abandon after settlement: reversed, shown, tried again; refunded once', async () => {
    const t = await shop();
    await scanned(t.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
    await cardPart(t.core, order.id, 600);
    await settle(t.core);
    await call(t.core, 'order:abandon', { orderId: order.id, supervisor: SUPERVISOR });
    const host = await t.host();

    // The host acts on the refund and answers after the timeout; its reversal is not answered.
    host.faults.delayNext(1, 2500);
    host.faults.failReversals(1, 'silent');
    const cut = await withCard<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
    expect(cut.steps.map((s) => [s.action, s.state, s.error?.code ?? null])).toEqual([
      ['card-refund', 'waiting', 'UNDO_NO_ANSWER'],
    ]);
    expect(refunds(t.core)).toEqual([['reversal_pending', 600]]);

    // The reversal goes (the outbox, or before the next card request): nothing went back.
    await call(t.core, 'host:flushReversals');
    const shown = await call<{ undo: OrderUndoView }>(t.core, 'order:undoState', {
      orderId: order.id,
    });
    expect(shown.undo.steps.map((s) => [s.state, s.attempts, s.error?.code ?? null])).toEqual([
      ['todo', 1, 'UNDO_NO_ANSWER'],
    ]);
    const done = await withCard<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
    expect(done).toMatchObject({ finished: true, state: 'cancelled' });
    expect(refunds(t.core)).toEqual([
      ['reversed', 600],
      ['approved', 600],
    ]);
    const ledger = host.ledger().filter((e) => e.messageTypeCode === '25');
    expect(ledger.map((e) => [e.state, e.amountFen])).toEqual([
      ['reversed', 600],
      ['approved', 600],
    ]);
  });

  it('of a return after settlement: the step waits, then 继续退款 refunds once', async () => {
    const t = await shop();
    await scanned(t.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
    const paid = await cardPart(t.core, order.id);
    expect(paid.order.state).toBe('paid');
    await settle(t.core);
    const host = await t.host();
    const chips = order.lines.find((l) => l.name === PRODUCTS.chips.name)!;

    host.faults.delayNext(1, 2500);
    host.faults.failReversals(1, 'silent');
    const cut = await withCard<ReturnRun>(t.core, 'returns:create', {
      orderId: order.id,
      lines: [{ lineId: chips.id, quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    expect(cut.problem?.code).toBe('RETURN_STEP_UNDECIDED');
    expect(cut.return.refunds.map((s) => [s.kind, s.state])).toEqual([['refund', 'started']]);
    expect(refunds(t.core)).toEqual([['reversal_pending', 850]]);

    await call(t.core, 'host:flushReversals');
    const done = await withCard<ReturnRun>(t.core, 'returns:resume', {
      returnId: cut.return.id,
      supervisor: SUPERVISOR,
    });
    expect(done.problem).toBeNull();
    expect(done.return.state).toBe('done');
    expect(refunds(t.core)).toEqual([
      ['reversed', 850],
      ['approved', 850],
    ]);
    const ledger = host.ledger().filter((e) => e.messageTypeCode === '25');
    expect(ledger.map((e) => [e.state, e.amountFen])).toEqual([
      ['reversed', 850],
      ['approved', 850],
    ]);
    const after = await call<OrderView>(t.core, 'order:get', { orderId: order.id });
    expect(after.payments.map((p) => p.state)).toEqual(['approved']);
  });
});
