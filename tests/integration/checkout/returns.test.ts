import { afterEach, describe, expect, it } from 'vitest';
import type {
  PosError,
  Result,
  ReturnOrderView,
  ReturnRun,
  SalesReport,
} from '../../../preload/contract';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { SUPERVISOR, approvedSale, cardTill, rows, type CardTill } from '../cards/harness';
import { PRODUCTS, call, payByCard, refused } from './harness';
import { signOff } from '../../support/core';
import {
  lineId,
  money,
  presentCard,
  returnLines,
  settle,
  shop as newShop,
  storedWholeReturn,
  threeLines,
} from './returns-harness';

/**
 * Returns by line on the training host (issue 15): the order found by its
 * number, lines picked, the refund back to the original tenders card → QR →
 * cash, each step through the real void / refund services.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function shop() {
  till = await newShop();
  return till;
}

describe('returns by line (按商品退货)', () => {
  it('returns two of three lines of a card + cash order (card voided whole, the rest in cash), then the last; more is refused', async () => {
    const t = await shop();
    // Split tender lands in parallel: here a card sale made just before pays ¥10.00 of the order.
    const card = await approvedSale(t.core, 1000);
    const order = await threeLines(t);
    t.core.internals.db
      .prepare('UPDATE transactions SET order_id = ? WHERE id = ?')
      .run(order.id, card.transaction.id);
    await call(t.core, 'order:payCash', { orderId: order.id, tenderedFen: 2000 });

    const found = await call<ReturnOrderView>(t.core, 'returns:order', { orderNo: order.number });
    expect(found.payments.map((p) => [p.tender, p.amountFen, p.leftFen, p.settled])).toEqual([
      ['card', 1000, 1000, false],
      ['cash', 1050, 1050, false],
    ]);
    const picks = [
      { lineId: lineId(order, PRODUCTS.chips.name), quantity: 1 },
      { lineId: lineId(order, PRODUCTS.water.name), quantity: 3 },
    ];
    const quote = await call<{ totalFen: number; refunds: unknown[] }>(t.core, 'returns:quote', {
      orderId: order.id,
      lines: picks,
    });
    expect(quote.totalFen).toBe(1450);

    const first = await returnLines(t, order.id, picks);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value.problem).toBeNull();
    expect(first.value.return.state).toBe('done');
    expect(first.value.return.refunds.map((s) => [s.tender, s.kind, s.amountFen, s.state])).toEqual(
      [
        ['card', 'void', 1000, 'done'],
        ['cash', 'cash', 450, 'done'],
      ],
    );
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'voided', 1000],
      ['sale', 'cash', 'approved', 1050],
      ['void', 'card', 'approved', 1000],
      ['refund', 'cash', 'approved', 450],
    ]);

    // Over-return: the water is all back already.
    const over = await refused(t.core, 'returns:create', {
      orderId: order.id,
      lines: [{ lineId: lineId(order, PRODUCTS.water.name), quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    expect(over).toMatchObject({ code: 'RETURN_EXCEEDS', params: { leftQty: 0 } });

    const rest = await returnLines(t, order.id, [
      { lineId: lineId(order, PRODUCTS.cola.name), quantity: 2 },
    ]);
    expect(rest.ok && rest.value.return.refunds.map((s) => [s.kind, s.amountFen])).toEqual([
      ['cash', 600],
    ]);
    const after = await call<ReturnOrderView>(t.core, 'returns:order', { orderNo: order.number });
    expect(after.lines.map((l) => [l.returnedQty, l.leftQty, l.leftFen])).toEqual([
      [2, 0, 0],
      [1, 0, 0],
      [3, 0, 0],
    ]);
    // Everything back, exactly what was paid.
    const back = rows<{ s: number }>(
      t.core,
      "SELECT sum(amount_fen) AS s FROM transactions WHERE type IN ('void', 'refund')",
    )[0]!.s;
    expect(back).toBe(2050);
    // For the product reports: per order line, what came back.
    const reported = t.core.internals.repos.returns.returnedByOrderLine(0, Date.now() + 1);
    expect(reported.map((r) => [r.name, r.quantity, r.amountFen])).toEqual([
      [PRODUCTS.cola.name, 2, 600],
      [PRODUCTS.chips.name, 1, 850],
      [PRODUCTS.water.name, 3, 600],
    ]);
    // The product report of the cashier's shift shows them under each product (issue 15).
    const report = await call<SalesReport>(t.core, 'reports:sales', { kind: 'shift' });
    const returned = Object.fromEntries(
      report.products
        .filter((r) => r.returnedQuantity > 0)
        .map((r) => [r.name, [r.returnedQuantity, r.returnedFen]]),
    );
    expect(returned).toEqual({
      [PRODUCTS.cola.name]: [2, 600],
      [PRODUCTS.chips.name]: [1, 850],
      [PRODUCTS.water.name]: [3, 600],
    });
    expect(report.totals).toMatchObject({ returnedQuantity: 6, returnedFen: 2050 });

    // The return slips: lines and refunds (the order receipt and card slips print before them).
    await t.core.internals.print.drain();
    const texts = t.printer.jobs().map((b) =>
      decodeEscPos(b)
        .lines.map((l) => l.text)
        .join('\n'),
    );
    const slip = texts.find((x) => x.includes('退货单 RETURN SLIP') && x.includes('CARD VOID'));
    expect(slip).toContain(order.number);
    expect(slip).toMatch(/银行卡撤销 CARD VOID +RMB 10\.00/);
    expect(slip).toMatch(/现金退款 CASH OUT +RMB 4\.50/);
    expect(slip).toMatch(/退款合计 REFUND TOTAL +RMB 14\.50/);
  });

  it('a part of a card order waits for settlement, then goes back by 退货 in parts to exactly the total', async () => {
    const t = await shop();
    const order = await threeLines(t);
    await payByCard(t.core, order.id);
    const chips = { lineId: lineId(order, PRODUCTS.chips.name), quantity: 1 };
    expect(
      await refused(t.core, 'returns:create', {
        orderId: order.id,
        lines: [chips],
        supervisor: SUPERVISOR,
      }),
    ).toMatchObject({ code: 'RETURN_CARD_PARTIAL', params: { take: '¥8.50' } });
    await settle(t);

    const part = await returnLines(t, order.id, [chips], 'approve');
    if (!part.ok) throw new Error(JSON.stringify(part.error));
    expect(part.value.return.refunds.map((s) => [s.kind, s.amountFen, s.state])).toEqual([
      ['refund', 850, 'done'],
    ]);
    const rest = await returnLines(
      t,
      order.id,
      [
        { lineId: lineId(order, PRODUCTS.cola.name), quantity: 2 },
        { lineId: lineId(order, PRODUCTS.water.name), quantity: 3 },
      ],
      'approve',
    );
    if (!rest.ok) throw new Error(JSON.stringify(rest.error));
    expect(rest.value.return.totalFen).toBe(1200);
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'refunded', 2050],
      ['refund', 'card', 'approved', 850],
      ['refund', 'card', 'approved', 1200],
    ]);
    const over = (await refused(t.core, 'returns:quote', {
      orderId: order.id,
      lines: [chips],
    })) as PosError;
    expect(over.code).toBe('RETURN_EXCEEDS');
  });

  it('the search for the original order refuses a day that does not exist, naming the field', async () => {
    const t = await shop();
    // Before, 2026-02-30 was read as 2 March and answered that day's orders (or none).
    expect(await refused(t.core, 'returns:search', { date: '2026-02-30' })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ field: 'date', rule: 'localDate' }],
    });
    expect(await call(t.core, 'returns:search', { date: '2026-02-28' })).toEqual({ orders: [] });
  });

  it('a return without the original only when the parameter allows it: cash, supervisor, reason', async () => {
    const t = await shop();
    const input = {
      lines: [{ name: '矿泉水', quantity: 2, amountFen: 400 }],
      reason: '顾客丢失小票',
      supervisor: SUPERVISOR,
    };
    expect((await refused(t.core, 'returns:withoutOriginal', input)).code).toBe(
      'RETURN_WITHOUT_ORIGINAL_OFF',
    );
    expect((await refused(t.core, 'returns:saveRules', { withoutOriginal: true })).code).toBe(
      'FORBIDDEN',
    );
    await signOff(t.core);
    await call(t.core, 'auth:signIn', SUPERVISOR);
    await call(t.core, 'returns:saveRules', { withoutOriginal: true });
    await signOff(t.core);
    await call(t.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    expect((await refused(t.core, 'returns:withoutOriginal', { ...input, reason: ' ' })).code).toBe(
      'INVALID_INPUT',
    );

    const r = await call<ReturnRun>(t.core, 'returns:withoutOriginal', input);
    expect(r.return).toMatchObject({ state: 'done', orderNo: null, reason: '顾客丢失小票' });
    expect(
      rows(
        t.core,
        "SELECT tender, state, amount_fen, original_tx_id FROM transactions WHERE type = 'refund'",
      ),
    ).toEqual([{ tender: 'cash', state: 'approved', amount_fen: 400, original_tx_id: null }]);
    // The cashier's 交班 report (signing off for the supervisor) printed first, then the slip.
    const slip = decodeEscPos((await t.printer.waitForJobs(2)).at(-1)!)
      .lines.map((l) => l.text)
      .join('\n');
    expect(slip).toContain('无原单退货 NO ORIGINAL');
    expect(slip).toContain('原因 REASON: 顾客丢失小票');
  });

  it('a step refused at the PIN pad (another card) leaves the return open; continuing with the right card finishes it', async () => {
    const t = await shop();
    const order = await threeLines(t);
    await payByCard(t.core, order.id);
    await settle(t);
    const chips = { lineId: lineId(order, PRODUCTS.chips.name), quantity: 1 };
    const wrong = await returnLines(t, order.id, [chips], 'swipe');
    if (!wrong.ok) throw new Error(JSON.stringify(wrong.error));
    expect(wrong.value.problem?.code).toBe('REFUND_CARD_MISMATCH');
    expect(wrong.value.return).toMatchObject({ state: 'open', totalFen: 850 });
    expect(wrong.value.return.refunds.map((s) => s.state)).toEqual(['planned']);
    // The line is held by the open return: another return of the order waits for it.
    expect(
      (await refused(t.core, 'returns:quote', { orderId: order.id, lines: [chips] })).code,
    ).toBe('RETURN_EXCEEDS');
    expect(
      (
        await refused(t.core, 'returns:create', {
          orderId: order.id,
          lines: [{ lineId: lineId(order, PRODUCTS.cola.name), quantity: 1 }],
          supervisor: SUPERVISOR,
        })
      ).code,
    ).toBe('RETURN_OPEN_EXISTS');

    const again = t.core.dispatch('returns:resume', {
      returnId: wrong.value.return.id,
      supervisor: SUPERVISOR,
    }) as Promise<Result<ReturnRun>>;
    await presentCard(t, 'approve');
    const done = await again;
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(done.value.problem).toBeNull();
    expect(done.value.return.state).toBe('done');
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'approved', 2050],
      ['refund', 'card', 'approved', 850],
    ]);
    expect(
      (
        await refused(t.core, 'returns:cancel', {
          returnId: done.value.return.id,
          supervisor: SUPERVISOR,
        })
      ).code,
    ).toBe('RETURN_NOT_OPEN');
  });

  it('a crash after a void went through but before the step knew it: after the restart the step is done and the return finished', async () => {
    const t = await shop();
    const order = await threeLines(t);
    const paid = await payByCard(t.core, order.id);
    const payment = paid.order.payments[0]!;
    const { repos } = t.core.internals;
    // The return and its one step as create() stores them, the step marked started…
    const returnId = storedWholeReturn(t, order, 'R20261124000099', payment.id);
    const stepId = repos.returns.get(returnId)!.steps[0]!.id;
    repos.inTransaction(() => repos.returns.markStarted(stepId, Date.now() - 1));
    // …the void approved by the host, and the power goes before the step is linked.
    await call(t.core, 'voids:run', { traceNo: payment.traceNo, supervisor: SUPERVISOR });
    await t.stop();
    till = await cardTill({ dir: t.dir, printer: t.printer });
    await call(till.core, 'auth:signIn', { operatorNo: '01', password: '1357' });

    const open = await call<{ returns: Array<{ id: number; refunds: Array<{ state: string }> }> }>(
      till.core,
      'returns:open',
    );
    // Start-up found the void, marked the step done and, that being the last, finished the return.
    expect(open.returns).toEqual([]);
    const done = await call<ReturnRun['return']>(till.core, 'returns:get', { returnId });
    expect([done.state, done.refunds.map((s) => s.state)]).toEqual(['done', ['done']]);
    expect(
      (await refused(till.core, 'returns:resume', { returnId, supervisor: SUPERVISOR })).code,
    ).toBe('RETURN_NOT_OPEN');
    // Nothing went back twice: one void of the one payment.
    expect(money(till.core, order.id)).toEqual([
      ['sale', 'card', 'voided', 2050],
      ['void', 'card', 'approved', 2050],
    ]);
  });
});
