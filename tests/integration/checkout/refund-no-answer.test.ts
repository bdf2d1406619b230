import { afterEach, describe, expect, it } from 'vitest';
import type { OrderUndoView, Result, ReturnRun } from '../../../preload/contract';
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
import { cashierIn, signOff } from '../../support/core';
import { cardPart } from './split-harness';

/**
 * A card refund that is a step of an abandon or a return, and gets no answer
 * from the host (issue 15). Refunds are not reversed (PRODUCT.md §4): the
 * refund is uncertain, no 0400 goes for it, the step is shown waiting with
 * why, and trying the step again sends no second refund — the host acted on
 * the first one, so a second would give the money back twice.
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
  await signOff(core);
  await call(core, 'auth:signIn', SUPERVISOR);
  await call(core, 'settlement:run');
  await signOff(core);
  await cashierIn(core);
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
  it('of an abandon after settlement: uncertain, not reversed, shown waiting; never sent twice', async () => {
    const t = await shop();
    await scanned(t.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
    await cardPart(t.core, order.id, 600);
    await settle(t.core);
    await call(t.core, 'order:abandon', { orderId: order.id, supervisor: SUPERVISOR });
    const host = await t.host();

    // The host acts on the refund and answers after the timeout.
    host.faults.delayNext(1, 2500);
    const cut = await withCard<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
    expect(cut.steps.map((s) => [s.action, s.state, s.error?.code ?? null])).toEqual([
      ['card-refund', 'waiting', 'UNDO_NO_ANSWER'],
    ]);
    expect(refunds(t.core)).toEqual([['uncertain', 600]]);

    const again = await call<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
    expect(again.finished).toBe(false);
    expect(again.steps.map((s) => s.state)).toEqual(['waiting']);
    expect(refunds(t.core)).toEqual([['uncertain', 600]]);
    const ledger = host.ledger().filter((e) => e.messageTypeCode === '25');
    expect(ledger.map((e) => [e.state, e.amountFen])).toEqual([['approved', 600]]);
    // Nothing was reversed: the host's refund stands, and the till arms no reversal of it.
    expect(rows(t.core, 'SELECT id FROM transactions WHERE reversal_reason IS NOT NULL')).toEqual(
      [],
    );
  });

  it('of a return after settlement: uncertain, not reversed; 继续退款 sends no second refund', async () => {
    const t = await shop();
    await scanned(t.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
    const paid = await cardPart(t.core, order.id);
    expect(paid.order.state).toBe('paid');
    await settle(t.core);
    const host = await t.host();
    const chips = order.lines.find((l) => l.name === PRODUCTS.chips.name)!;

    host.faults.delayNext(1, 2500);
    const cut = await withCard<ReturnRun>(t.core, 'returns:create', {
      orderId: order.id,
      lines: [{ lineId: chips.id, quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    expect(cut.problem?.code).toBe('RETURN_STEP_UNDECIDED');
    expect(cut.return.refunds.map((s) => [s.kind, s.state])).toEqual([['refund', 'started']]);
    expect(refunds(t.core)).toEqual([['uncertain', 850]]);

    const resumed = await call<ReturnRun>(t.core, 'returns:resume', {
      returnId: cut.return.id,
      supervisor: SUPERVISOR,
    });
    expect(resumed.problem?.code).toBe('RETURN_STEP_UNDECIDED');
    expect(resumed.return.state).toBe('open');
    expect(refunds(t.core)).toEqual([['uncertain', 850]]);
    const ledger = host.ledger().filter((e) => e.messageTypeCode === '25');
    expect(ledger.map((e) => [e.state, e.amountFen])).toEqual([['approved', 850]]);
    // Nothing was reversed: the host's refund stands, and the till arms no reversal of it.
    expect(rows(t.core, 'SELECT id FROM transactions WHERE reversal_reason IS NOT NULL')).toEqual(
      [],
    );
  });
});
