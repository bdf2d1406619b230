import type { OrderView, Result, ReturnRun } from '../../../preload/contract';
import { signOff } from '../../support/core';
import {
  SUPERVISOR,
  cardTill,
  padShows,
  rows,
  supervisorReady,
  type CardTill,
} from '../cards/harness';
import { PRODUCTS, call, scanned, stockCatalogue } from './harness';

/** A card till in training mode with the catalogue stocked and the supervisor set up. */
export async function shop(): Promise<CardTill> {
  const till = await cardTill();
  stockCatalogue(till.core);
  await supervisorReady(till);
  return till;
}

/** cola ×2 (¥6.00), chips ×1 (¥8.50), water ×3 (¥6.00): ¥20.50. */
export async function threeLines(t: CardTill): Promise<OrderView> {
  await scanned(t.core, PRODUCTS.cola.barcode, 2);
  await scanned(t.core, PRODUCTS.chips.barcode);
  return scanned(t.core, PRODUCTS.water.barcode, 3);
}

export const lineId = (o: OrderView, name: string) => o.lines.find((l) => l.name === name)!.id;

/** Makes a return; a card refund step reads the customer's card at the PIN pad. */
export async function returnLines(
  t: CardTill,
  orderId: number,
  lines: Array<{ lineId: number; quantity: number }>,
  card: false | string = false,
): Promise<Result<ReturnRun>> {
  const done = t.core.dispatch('returns:create', {
    orderId,
    lines,
    supervisor: SUPERVISOR,
  }) as Promise<Result<ReturnRun>>;
  if (card) await presentCard(t, card);
  return done;
}

export async function presentCard(t: CardTill, cardId: string) {
  await padShows(t.core, 'card');
  await call(t.core, 'pinpad:presentCard', { cardId });
}

/** The supervisor settles the batch; cashier 01 is signed in again after. */
export async function settle(t: CardTill) {
  await signOff(t.core);
  await call(t.core, 'auth:signIn', SUPERVISOR);
  await call(t.core, 'settlement:run');
  await signOff(t.core);
  await call(t.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
}

/** The order's payments and what followed them: [type, tender, state, amount]. */
export const money = (core: CardTill['core'], orderId: number) =>
  rows<{ type: string; tender: string; state: string; amount_fen: number }>(
    core,
    `SELECT type, tender, state, amount_fen FROM transactions
     WHERE order_id = ? OR original_tx_id IN (SELECT id FROM transactions WHERE order_id = ?)
     ORDER BY id`,
    orderId,
    orderId,
  ).map((r) => [r.type, r.tender, r.state, r.amount_fen]);

/**
 * A return of the whole order with one card void step, stored as create()
 * stores it before its first step runs (the tests then cut or delay that step).
 */
export function storedWholeReturn(
  t: CardTill,
  order: OrderView,
  returnNo: string,
  paymentTxId: number,
): number {
  const { repos } = t.core.internals;
  return repos.inTransaction(() => {
    const id = repos.returns.create({
      returnNo,
      orderId: order.id,
      totalFen: order.totals.totalFen,
      operatorNo: '01',
      supervisorNo: '00',
      reason: null,
      training: true,
      now: Date.now(),
    });
    for (const l of order.lines)
      repos.returns.insertLine(id, {
        orderLineId: l.id,
        name: l.name,
        quantity: l.quantity,
        amountFen: l.netFen,
      });
    repos.returns.insertStep(id, 1, {
      paymentTxId,
      tender: 'card',
      kind: 'void',
      amountFen: order.totals.totalFen,
    });
    return id;
  });
}
