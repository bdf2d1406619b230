import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderUndoView, OrderView } from '../../../preload/contract';
import { startTrainingHost, type TrainingHost } from '../../../main/host/training';
import { SETUP, ok } from '../../support/core';
import { SUPERVISOR, cardTill, rows, supervisorReady, type CardTill } from '../cards/harness';
import { PRODUCTS, call, scanned, stockCatalogue } from './harness';
import { cardPart } from './split-harness';

/**
 * An abandon (整单撤销) cut short by a real stop: the till closes with a card
 * void undecided (no answer, its reversal not through), and opens again on
 * the same data directory against the same acquirer host (a server of its
 * own, as a real acquirer outlives the till). Start-up carries the abandon on
 * by itself — the pending reversal first, then the voids — with nobody at
 * the counter, and the host ends with each card payment voided exactly once.
 */
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
function componentsOf(key: Buffer): string[] {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
}

let host: TrainingHost | null = null;
const tills: CardTill[] = [];
afterEach(async () => {
  // The restarted till shares the first one's directory and printer: the first removes them.
  const all = tills.splice(0);
  for (const t of all.slice(1)) await t.stop();
  await all[0]?.remove();
  await host?.close();
  host = null;
});

async function liveTill(dir?: string, from?: CardTill): Promise<CardTill> {
  host ??= await startTrainingHost({
    terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
  });
  const till = await cardTill({
    host: { address: `127.0.0.1:${host.port}`, timeoutSec: 1, retries: 1 },
    pinpadTmk: TMK,
    ...(dir ? { dir } : {}),
    ...(from ? { printer: from.printer } : {}),
    asTechnician: async (core) =>
      void (await ok(core, 'keys:injectTmk', { components: componentsOf(TMK) })),
  });
  tills.push(till);
  return till;
}

describe('an abandon cut short by a restart', () => {
  it('is carried on at start-up: the pending reversal goes, each card payment is voided exactly once', async () => {
    const t = await liveTill();
    await supervisorReady(t);
    stockCatalogue(t.core);
    await scanned(t.core, PRODUCTS.chips.barcode, 2);
    const order = await scanned(t.core, PRODUCTS.cola.barcode, 3);
    await cardPart(t.core, order.id, 700);
    const paying = await cardPart(t.core, order.id, 500);
    expect(paying.order).toMatchObject({ state: 'paying', paidFen: 1200 });
    await call<OrderUndoView>(t.core, 'order:abandon', {
      orderId: order.id,
      supervisor: SUPERVISOR,
    });

    // The first void's answer is lost (the host acts on it, answers after the timeout) and
    // its reversal gets no answer either: the step waits, undecided, when the till stops.
    host!.faults.delayNext(1, 2500);
    host!.faults.failReversals(1, 'silent');
    const cut = await call<OrderUndoView>(t.core, 'order:undoNext', { orderId: order.id });
    expect(cut.steps.map((s) => [s.amountFen, s.action, s.state])).toEqual([
      [500, 'card-void', 'waiting'],
      [700, 'card-void', 'todo'],
    ]);
    expect(rows(t.core, "SELECT state FROM transactions WHERE type = 'void'")).toEqual([
      { state: 'reversal_pending' },
    ]);
    await t.stop();

    // Opened again on the same data; nobody signs in.
    const again = await liveTill(t.dir, t);
    await again.core.internals.resumed;
    await ok(again.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    const after = await ok<OrderView>(again.core, 'order:get', { orderId: order.id });
    expect(after.state).toBe('cancelled');
    expect(after.payments.map((p) => [p.amountFen, p.state])).toEqual([
      [700, 'voided'],
      [500, 'voided'],
    ]);
    const undo = await ok<{ undo: OrderUndoView }>(again.core, 'order:undoState', {
      orderId: order.id,
    });
    expect(undo.undo).toMatchObject({ finished: true, state: 'cancelled' });
    expect(
      rows(
        again.core,
        "SELECT amount_fen, state FROM transactions WHERE type = 'void' ORDER BY id",
      ),
    ).toEqual([
      { amount_fen: 500, state: 'reversed' },
      { amount_fen: 700, state: 'approved' },
      { amount_fen: 500, state: 'approved' },
    ]);
    // The host: the lost void reversed, then one void of each sale that stands.
    const ledger = host!.ledger().filter((e) => e.terminal === SETUP.terminalNumber);
    const voids = ledger.filter((e) => e.messageTypeCode === '23');
    expect(voids.map((e) => [e.amountFen, e.state])).toEqual([
      [500, 'reversed'],
      [700, 'approved'],
      [500, 'approved'],
    ]);
    const sales = ledger.filter((e) => e.messageTypeCode === '22');
    expect(sales.map((e) => [e.amountFen, e.state, e.voidedBy !== null])).toEqual([
      [700, 'approved', true],
      [500, 'approved', true],
    ]);
  });
});
