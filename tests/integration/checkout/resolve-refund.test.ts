import { afterEach, describe, expect, it } from 'vitest';
import type { OrderUndoView, Result, ReturnRun, TransactionView } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import {
  SUPERVISOR,
  cardTill,
  padShows,
  row,
  rows,
  supervisorReady,
  type CardTill,
} from '../cards/harness';
import { PRODUCTS, call, refused, scanned, stockCatalogue } from './harness';
import { cashierIn, signOff } from '../../support/core';
import { cardPart } from './split-harness';

/**
 * Settling an uncertain card refund (issue 15 leftover, refunds:resolve). A
 * card 退货 without a valid answer is never reversed and stays 'uncertain';
 * the supervisor asks the bank and says whether the money went back. These
 * run on the training host: `delayNext` makes the host act and answer too
 * late (the money did go back), `silentNext` makes it ignore the refund (it
 * did not).
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

/** What the host did with refunds (0220, '25'): each one it acted on. */
const hostRefunds = async (t: CardTill) =>
  (await t.host())
    .ledger()
    .filter((e) => e.messageTypeCode === '25')
    .map((e) => [e.state, e.amountFen]);

const audits = (core: PosCore, action: string) =>
  rows<{ operator_no: string | null; detail: string }>(
    core,
    'SELECT operator_no, detail FROM audit_log WHERE action = ? ORDER BY id',
    action,
  ).map((r) => ({ operatorNo: r.operator_no, ...(JSON.parse(r.detail) as object) }));

const resolve = (core: PosCore, txId: number, wentThrough: boolean, note?: string) =>
  call<{ transaction: TransactionView }>(core, 'refunds:resolve', {
    txId,
    wentThrough,
    supervisor: SUPERVISOR,
    ...(note ? { note } : {}),
  });

/** A partly paid order (¥6.00 of it by card), settled, abandoned: its card refund gets no answer. */
async function abandonUncertain(t: CardTill, fault: 'delay' | 'silent') {
  await scanned(t.core, PRODUCTS.chips.barcode, 2);
  const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
  const paid = await cardPart(t.core, order.id, 600);
  await settle(t.core);
  await call(t.core, 'order:abandon', { orderId: order.id, supervisor: SUPERVISOR });
  const host = await t.host();
  if (fault === 'delay') host.faults.delayNext(1, 2500);
  else host.faults.silentNext(1);
  const cut = await withCard<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
  const refundId = row<{ id: number }>(
    t.core,
    "SELECT id FROM transactions WHERE type = 'refund'",
  ).id;
  return { order, sale: paid.outcome.transaction, cut, refundId };
}

describe('settling an uncertain card refund of an abandon', () => {
  it('went through: refund approved, the sale refunded, the step done and the order cancelled; nothing sent', async () => {
    const t = await shop();
    const { order, sale, cut, refundId } = await abandonUncertain(t, 'delay');
    expect(cut.steps.map((s) => [s.state, s.waitingTxId, s.resolvable])).toEqual([
      ['waiting', refundId, true],
    ]);
    expect(await hostRefunds(t)).toEqual([['approved', 600]]);

    // A wrong password is refused through the one approval path: counted and audited.
    const wrong = await refused(t.core, 'refunds:resolve', {
      txId: refundId,
      wentThrough: true,
      supervisor: { operatorNo: '00', password: '999999' },
    });
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(
      row<{ n: number }>(
        t.core,
        "SELECT failed_attempts AS n FROM operators WHERE operator_no = '00'",
      ).n,
    ).toBe(1);
    expect(audits(t.core, 'signin.failed').at(-1)?.operatorNo).toBe('00');
    expect(refunds(t.core)).toEqual([['uncertain', 600]]);
    expect(audits(t.core, 'refund.resolved')).toEqual([]);

    const done = await resolve(t.core, refundId, true, '电话核实 95555');
    expect(done.transaction.state).toBe('approved');
    expect(refunds(t.core)).toEqual([['approved', 600]]);
    expect(
      row<{ state: string }>(t.core, 'SELECT state FROM transactions WHERE id = ?', sale.id).state,
    ).toBe('refunded');
    const events = rows<{
      from_state: string;
      to_state: string;
      operator_no: string;
      note: string;
    }>(
      t.core,
      'SELECT from_state, to_state, operator_no, note FROM transaction_events WHERE tx_id = ? ORDER BY id',
      refundId,
    );
    expect(events.at(-1)).toMatchObject({
      from_state: 'uncertain',
      to_state: 'approved',
      operator_no: '00',
    });
    expect(events.at(-1)?.note).toContain('confirmed with the bank');
    expect(audits(t.core, 'refund.resolved')).toEqual([
      {
        operatorNo: '01',
        txId: refundId,
        originalTxId: sale.id,
        amountFen: 600,
        wentThrough: true,
        supervisor: '00',
        note: '电话核实 95555',
      },
    ]);
    expect(audits(t.core, 'supervisor.approved').at(-1)).toMatchObject({
      action: 'refund.resolve',
      txId: refundId,
    });

    // The step followed its payment (trigger): done, and with it the order is cancelled.
    const { undo } = await call<{ undo: OrderUndoView }>(t.core, 'order:undoState', {
      orderId: order.id,
    });
    expect(undo.finished).toBe(true);
    expect(undo.steps.map((s) => [s.state, s.waitingTxId, s.resolvable])).toEqual([
      ['done', null, false],
    ]);
    expect(
      row<{ state: string }>(t.core, 'SELECT state FROM orders WHERE id = ?', order.id).state,
    ).toBe('cancelled');
    expect(await hostRefunds(t)).toEqual([['approved', 600]]);

    // Settled once: a second try names the state it is in now.
    const again = await refused(t.core, 'refunds:resolve', {
      txId: refundId,
      wentThrough: false,
      supervisor: SUPERVISOR,
    });
    expect(again).toEqual({ code: 'REFUND_NOT_UNCERTAIN', params: { txState: 'approved' } });
  });

  it('did not go through: refund declined, the step tried again sends exactly one new refund', async () => {
    const t = await shop();
    const { order, sale, cut, refundId } = await abandonUncertain(t, 'silent');
    expect(cut.steps.map((s) => [s.state, s.resolvable])).toEqual([['waiting', true]]);
    expect(await hostRefunds(t)).toEqual([]);

    const done = await resolve(t.core, refundId, false);
    expect(done.transaction.state).toBe('declined');
    expect(
      row<{ state: string }>(t.core, 'SELECT state FROM transactions WHERE id = ?', sale.id).state,
    ).toBe('approved');
    const note = row<{ note: string }>(
      t.core,
      "SELECT note FROM transaction_events WHERE tx_id = ? AND to_state = 'declined'",
      refundId,
    ).note;
    expect(note).toContain('not done at the bank');
    const { undo } = await call<{ undo: OrderUndoView }>(t.core, 'order:undoState', {
      orderId: order.id,
    });
    expect(undo.steps.map((s) => [s.state, s.waitingTxId, s.resolvable])).toEqual([
      ['todo', null, false],
    ]);

    const retried = await withCard<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
    expect(retried.finished).toBe(true);
    expect(retried.steps.map((s) => s.state)).toEqual(['done']);
    expect(refunds(t.core)).toEqual([
      ['declined', 600],
      ['approved', 600],
    ]);
    expect(await hostRefunds(t)).toEqual([['approved', 600]]);
    expect(
      row<{ state: string }>(t.core, 'SELECT state FROM orders WHERE id = ?', order.id).state,
    ).toBe('cancelled');
  });

  it('only an uncertain card refund: a sale or an approved refund is refused with its state', async () => {
    const t = await shop();
    const { sale } = await abandonUncertain(t, 'delay');
    const e = await refused(t.core, 'refunds:resolve', {
      txId: sale.id,
      wentThrough: true,
      supervisor: SUPERVISOR,
    });
    expect(e).toEqual({ code: 'REFUND_NOT_UNCERTAIN', params: { txState: 'approved' } });
    expect(
      (
        await refused(t.core, 'refunds:resolve', {
          txId: 99_999,
          wentThrough: true,
          supervisor: SUPERVISOR,
        })
      ).code,
    ).toBe('TRANSACTION_NOT_FOUND');
    // Refused before the password is asked: nothing approved, nothing counted.
    expect(
      audits(t.core, 'supervisor.approved').filter(
        (a) => 'action' in a && a.action === 'refund.resolve',
      ),
    ).toEqual([]);
  });
});

describe('settling an uncertain card refund of a return by line', () => {
  async function returnUncertain(t: CardTill, fault: 'delay' | 'silent') {
    await scanned(t.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
    await cardPart(t.core, order.id);
    await settle(t.core);
    const host = await t.host();
    const chips = order.lines.find((l) => l.name === PRODUCTS.chips.name)!;
    if (fault === 'delay') host.faults.delayNext(1, 2500);
    else host.faults.silentNext(1);
    const cut = await withCard<ReturnRun>(t.core, 'returns:create', {
      orderId: order.id,
      lines: [{ lineId: chips.id, quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    expect(cut.problem?.code).toBe('RETURN_STEP_UNDECIDED');
    const step = cut.return.refunds[0]!;
    expect([step.kind, step.state, step.resolvable]).toEqual(['refund', 'started', true]);
    return { cut, refundId: step.txId! };
  }

  it('went through: 继续退款 finishes the return without sending anything', async () => {
    const t = await shop();
    const { cut, refundId } = await returnUncertain(t, 'delay');
    const sentBefore = (await t.host()).log().length;
    await resolve(t.core, refundId, true);
    const view = await call<{ refunds: ReturnRun['return']['refunds'] }>(t.core, 'returns:get', {
      returnId: cut.return.id,
    });
    expect(view.refunds.map((s) => [s.state, s.resolvable])).toEqual([['started', false]]);

    const resumed = await call<ReturnRun>(t.core, 'returns:resume', {
      returnId: cut.return.id,
      supervisor: SUPERVISOR,
    });
    expect(resumed.problem).toBeNull();
    expect(resumed.return.state).toBe('done');
    expect(resumed.return.refunds.map((s) => [s.state, s.txId])).toEqual([['done', refundId]]);
    expect(resumed.printJobs.length).toBeGreaterThan(0); // the return slip
    expect((await t.host()).log().length).toBe(sentBefore);
    expect(refunds(t.core)).toEqual([['approved', 850]]);
    expect(await hostRefunds(t)).toEqual([['approved', 850]]);
  });

  it('did not go through: 继续退款 sends one fresh refund and finishes the return', async () => {
    const t = await shop();
    const { cut, refundId } = await returnUncertain(t, 'silent');
    await resolve(t.core, refundId, false);
    const resumed = await withCard<ReturnRun>(t.core, 'returns:resume', {
      returnId: cut.return.id,
      supervisor: SUPERVISOR,
    });
    expect(resumed.problem).toBeNull();
    expect(resumed.return.state).toBe('done');
    expect(refunds(t.core)).toEqual([
      ['declined', 850],
      ['approved', 850],
    ]);
    expect(await hostRefunds(t)).toEqual([['approved', 850]]);
  });
});
