import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  HeldOrder,
  OrderView,
  PrintJob,
  QrOutcome,
  TransactionView,
} from '../../../preload/contract';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { SUPERVISOR, cardTill, rows, supervisorReady, type CardTill } from '../cards/harness';
import { wechat } from '../qr-core/harness';
import { PRODUCTS, call, payByCard, refused, scan, scanned, stockCatalogue } from './harness';
import { signOff } from '../../support/core';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function shop() {
  till = await cardTill();
  const ids = stockCatalogue(till.core);
  return { t: till, core: till.core, ids };
}

const lineOf = (order: OrderView, name: string) => {
  const line = order.lines.find((l) => l.name === name);
  if (!line) throw new Error(`no line ${name} on ${order.number}`);
  return line;
};

describe('the order at the counter (单据)', () => {
  it('rings up scans, a typed PLU, a search pick, a weighed item, a scale label and a keypad amount', async () => {
    const { core, ids } = await shop();
    expect((await call<{ order: OrderView | null }>(core, 'order:current')).order).toBeNull();

    let order = await scanned(core, PRODUCTS.cola.barcode);
    expect(order.number).toMatch(/^\d{14}$/);
    // Scanning again adds to the line; a quantity before the scan multiplies it.
    await scanned(core, PRODUCTS.cola.barcode);
    await scanned(core, PRODUCTS.chips.barcode, 3);
    order = await scanned(core, PRODUCTS.water.code); // typed PLU + Enter
    expect(order.lines.map((l) => [l.name, l.quantity])).toEqual([
      ['可口可乐', 2],
      ['乐事薯片', 3],
      ['农夫山泉', 1],
    ]);

    // A weighable product's own barcode asks for the weight …
    const weigh = await scan(core, PRODUCTS.banana.barcode);
    expect(weigh).toEqual({
      kind: 'needs-weight',
      productId: ids.banana,
      name: '香蕉',
      unitPriceFen: 698,
    });
    order = await call<OrderView>(core, 'order:addProduct', {
      productId: ids.banana,
      weightG: 532,
    });
    // … 532 g at ¥6.98/kg = ¥3.71336 → ¥3.71
    expect(lineOf(order, '香蕉')).toMatchObject({ weightG: 532, grossFen: 371 });
    // A scale label (2 F PPPPP AAAAA C) carries the amount.
    order = await scanned(core, '2010004012341');
    expect(order.lines.at(-1)).toMatchObject({
      name: '香蕉',
      fixedAmountFen: 1234,
      grossFen: 1234,
    });
    // The bank-terminal habit: a keypad amount is a 数额 line.
    order = await call<OrderView>(core, 'order:addOpenLine', { amountFen: 1000 });
    expect(order.lines.at(-1)).toMatchObject({ kind: 'open', name: '数额', netFen: 1000 });

    expect(order.totals).toMatchObject({
      grossFen: 600 + 2550 + 200 + 371 + 1234 + 1000,
      totalFen: 5955,
      itemCount: 2 + 3 + 1 + 1 + 1 + 1,
    });
    expect(order.dueFen).toBe(5955);

    // Every line is in SQLite already: a restart brings the basket back as it was.
    await till!.stop();
    till = await cardTill({ dir: till!.dir, printer: till!.printer });
    await call(till.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    const back = (await call<{ order: OrderView | null }>(till.core, 'order:current')).order;
    expect(back?.number).toBe(order.number);
    expect(back?.lines).toEqual(order.lines);
  });

  it('never takes a scanned code for an amount: unknown, bad check digit, payment code', async () => {
    const { core } = await shop();
    await scanned(core, PRODUCTS.cola.barcode);
    expect(await scan(core, '4891234567899')).toEqual({
      kind: 'unknown',
      code: '4891234567899',
      reason: 'check-digit',
    });
    expect(await scan(core, '4891234567003')).toMatchObject({
      kind: 'unknown',
      reason: 'not-found',
    });
    // A customer's WeChat code on the basket goes to the QR tender.
    expect(await scan(core, wechat(0))).toEqual({ kind: 'payment-code', wallet: 'wechat' });
    const order = (await call<{ order: OrderView }>(core, 'order:current')).order;
    expect(order.lines).toHaveLength(1);
    expect(order.totals.totalFen).toBe(300);
  });

  it('sells an unknown code as an open-price line only with the supervisor, audited', async () => {
    const { t, core } = await shop();
    await supervisorReady(t);
    await scanned(core, PRODUCTS.cola.barcode);
    expect(
      await refused(core, 'order:addOpenLine', {
        amountFen: 450,
        name: '散装糖果',
        code: '2099999',
      }),
    ).toEqual({ code: 'APPROVAL_REQUIRED', params: { reason: 'openPrice' } });
    const order = await call<OrderView>(core, 'order:addOpenLine', {
      amountFen: 450,
      name: '散装糖果',
      code: '2099999',
      supervisor: SUPERVISOR,
    });
    expect(order.lines.at(-1)).toMatchObject({ kind: 'open', code: '2099999', netFen: 450 });
    const audit = rows<{ action: string; detail: string }>(
      core,
      "SELECT action, detail FROM audit_log WHERE action = 'order.openPriceSale'",
    );
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ code: '2099999', approvedBy: '00' });
  });

  it('gives discounts within the cashier’s limit, and beyond it only with the supervisor', async () => {
    const { t, core } = await shop();
    await supervisorReady(t);
    let order = await scanned(core, PRODUCTS.chips.barcode, 10); // ¥85.00
    const chips = lineOf(order, '乐事薯片');
    // 10 % off the line (¥8.50): within 10 % and ¥20.
    order = await call<OrderView>(core, 'order:setLineDiscount', {
      lineId: chips.id,
      discount: { kind: 'percent', value: 1000 },
    });
    expect(order.totals).toMatchObject({ lineDiscountFen: 850, totalFen: 7650 });
    // ¥5 more on the order would make it ¥13.50 of ¥85 (15.9 %): the supervisor.
    expect(
      await refused(core, 'order:setOrderDiscount', { discount: { kind: 'amount', value: 500 } }),
    ).toEqual({ code: 'APPROVAL_REQUIRED', params: { reason: 'discountLimit' } });
    expect((await call<{ order: OrderView }>(core, 'order:current')).order.discount).toBeNull();
    // A wrong supervisor password is refused and counts as a wrong try.
    expect(
      (
        await refused(core, 'order:setOrderDiscount', {
          discount: { kind: 'amount', value: 500 },
          supervisor: { operatorNo: '00', password: '111111' },
        })
      ).code,
    ).toBe('WRONG_PASSWORD');
    order = await call<OrderView>(core, 'order:setOrderDiscount', {
      discount: { kind: 'amount', value: 500 },
      supervisor: SUPERVISOR,
    });
    expect(order.totals).toMatchObject({
      grossFen: 8500,
      lineDiscountFen: 850,
      orderDiscountFen: 500,
      totalFen: 7150,
    });
    // The order discount is allocated to the lines: every line's net is known.
    expect(order.lines.reduce((s, l) => s + l.netFen, 0)).toBe(7150);

    // A price override always needs the supervisor; it is audited old → new.
    order = await scanned(core, PRODUCTS.water.barcode);
    const water = lineOf(order, '农夫山泉');
    expect(
      await refused(core, 'order:overridePrice', { lineId: water.id, unitPriceFen: 150 }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    order = await call<OrderView>(core, 'order:overridePrice', {
      lineId: water.id,
      unitPriceFen: 150,
      supervisor: SUPERVISOR,
    });
    expect(lineOf(order, '农夫山泉')).toMatchObject({
      unitPriceFen: 150,
      listPriceFen: 200,
      priceOverridden: true,
    });
    const actions = rows<{ action: string }>(
      core,
      "SELECT action FROM audit_log WHERE action LIKE 'order.%' ORDER BY id",
    ).map((r) => r.action);
    expect(actions).toEqual(['order.lineDiscount', 'order.orderDiscount', 'order.priceOverride']);
    // The approvals name the order and the product the supervisor saw, not only a row id.
    const approvals = rows<{ detail: string }>(
      core,
      "SELECT detail FROM audit_log WHERE action = 'supervisor.approved' ORDER BY id",
    ).map((r) => JSON.parse(r.detail) as Record<string, unknown>);
    expect(approvals.map((a) => a.action)).toEqual(['order.discount', 'order.priceOverride']);
    expect(approvals[0]).toMatchObject({ orderNo: order.number });
    expect(approvals[1]).toMatchObject({
      orderNo: order.number,
      lineId: water.id,
      product: water.name,
      unitPriceFen: 150,
    });
  });

  it('asks for the supervisor to delete a line when the rule says so, and to clear an order', async () => {
    const { t, core } = await shop();
    await supervisorReady(t);
    await signOff(core);
    await call(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    await call(core, 'order:saveRules', {
      rounding: 'jiao',
      discountLimit: { percentBp: 1000, amountFen: 2000 },
      lineDelete: { mode: 'always', seconds: 60 },
    });
    await signOff(core);
    await call(core, 'auth:signIn', { operatorNo: '01', password: '1357' });

    await scanned(core, PRODUCTS.cola.barcode);
    let order = await call<OrderView>(core, 'order:addOpenLine', { amountFen: 1234 });
    // 抹零 to the jiao: ¥15.34 → ¥15.30
    expect(order.totals).toMatchObject({ roundingFen: 4, totalFen: 1530 });
    const cola = lineOf(order, '可口可乐');
    expect(await refused(core, 'order:removeLine', { lineId: cola.id })).toEqual({
      code: 'APPROVAL_REQUIRED',
      params: { reason: 'lineDelete' },
    });
    order = await call<OrderView>(core, 'order:removeLine', {
      lineId: cola.id,
      supervisor: SUPERVISOR,
    });
    expect(order.lines.map((l) => l.name)).toEqual(['数额']);

    expect(await refused(core, 'order:cancel', { orderId: order.id })).toEqual({
      code: 'APPROVAL_REQUIRED',
      params: { reason: 'clearOrder' },
    });
    await call(core, 'order:cancel', { orderId: order.id, supervisor: SUPERVISOR });
    expect((await call<{ order: OrderView | null }>(core, 'order:current')).order).toBeNull();
    expect((await call<OrderView>(core, 'order:get', { orderId: order.id })).state).toBe(
      'cancelled',
    );
  });

  it('holds an order, serves the next customer, recalls it and takes a card: slips and the order receipt', async () => {
    const { t, core } = await shop();
    const first = await scanned(core, PRODUCTS.cola.barcode, 2);
    await scanned(core, PRODUCTS.chips.barcode);
    const { held } = await call<{ held: HeldOrder }>(core, 'order:hold');
    expect(held).toMatchObject({ number: first.number, lineCount: 2, totalFen: 1450 });
    expect((await call<{ order: OrderView | null }>(core, 'order:current')).order).toBeNull();

    // The next customer pays cash while the first one fetches their wallet.
    const second = await call<OrderView>(core, 'order:addOpenLine', { amountFen: 520 });
    expect(second.number).not.toBe(first.number);
    const cash = await call<{
      order: OrderView;
      transaction: TransactionView;
      printJobs: PrintJob[];
    }>(core, 'order:payCash', { orderId: second.id, tenderedFen: 1000 });
    expect(cash.order).toMatchObject({ state: 'paid', paidFen: 520, dueFen: 0 });
    expect(cash.transaction).toMatchObject({ tender: 'cash', changeFen: 480, orderId: second.id });

    const listed = (await call<{ orders: HeldOrder[] }>(core, 'order:listHeld')).orders;
    expect(listed.map((h) => h.number)).toEqual([first.number]);
    const recalled = await call<{ order: OrderView; held: HeldOrder | null }>(
      core,
      'order:recall',
      {
        orderId: first.id,
      },
    );
    expect(recalled.order).toMatchObject({ state: 'open', number: first.number });
    expect(recalled.held).toBeNull();

    const paid = await payByCard(core, first.id);
    expect(paid.outcome.outcome).toBe('approved');
    expect(paid.order).toMatchObject({ state: 'paid', paidFen: 1450, dueFen: 0 });
    expect(paid.order.payments.map((p) => [p.tender, p.state, p.amountFen])).toEqual([
      ['card', 'approved', 1450],
    ]);

    // cash order receipt, then the card's merchant + cardholder slips, then the order receipt
    const jobs = (await t.printer.waitForJobs(4)).map((b) => decodeEscPos(b));
    const texts = jobs.map((d) => d.lines.map((l) => l.text).join('\n'));
    expect(texts[0]).toContain(second.number);
    expect(texts[1]).toContain('商户存根');
    expect(texts[2]).toContain('持卡人存根');
    const receipt = texts[3]!;
    expect(receipt).toContain('收银小票 SALES RECEIPT');
    expect(receipt).toContain(`单号 ORDER NO.`);
    expect(receipt).toContain(first.number);
    expect(receipt).toMatch(/可口可乐 500ml\n {2}2 x 3\.00 +6\.00/);
    expect(receipt).toMatch(/应付 TOTAL +RMB 14\.50/);
    // the card only masked, with its authorisation code; its voucher stays on its own slip
    expect(receipt).toMatch(/622202\*+0003/);
    expect(receipt).not.toContain(paid.outcome.transaction.traceNo + '\n');
    expect(jobs[3]!.lines.find((l) => l.barcode)?.barcode?.data).toBe(first.number);
    expect(jobs[3]!.drawerKicks).toBe(0);
    expect(jobs[0]!.drawerKicks).toBe(1);
  });

  it('keeps the basket when a card is declined, then takes a QR payment', async () => {
    const { t, core } = await shop();
    const order = await scanned(core, PRODUCTS.chips.barcode, 2);
    const declined = await payByCard(core, order.id, 'insufficient');
    expect(declined.outcome).toMatchObject({ outcome: 'declined', responseCode: '51' });
    expect(declined.order).toMatchObject({ state: 'open', dueFen: 1700 });
    expect(declined.order.lines).toEqual(order.lines);

    const qr = await call<{ order: OrderView; outcome: QrOutcome; printJobs: PrintJob[] }>(
      core,
      'order:payQr',
      { orderId: order.id, code: wechat(0) },
    );
    expect(qr.outcome.outcome).toBe('approved');
    expect(qr.order.state).toBe('paid');
    expect(qr.order.payments.map((p) => [p.tender, p.state])).toEqual([
      ['card', 'declined'],
      ['qr', 'approved'],
    ]);
    const [receipt] = (await t.printer.waitForJobs(1)).map((b) => iconv.decode(b, 'gb18030'));
    expect(receipt).toContain('微信支付 WECHAT PAY');
    expect(receipt).toContain(order.number);
    // Paid: it leaves the counter and takes no second payment; the next line starts a new order.
    expect((await call<{ order: OrderView | null }>(core, 'order:current')).order).toBeNull();
    expect(
      (await refused(core, 'order:payCash', { orderId: order.id, tenderedFen: 5000 })).code,
    ).toBe('ORDER_NOT_EDITABLE');
    const next = await call<OrderView>(core, 'order:addOpenLine', { amountFen: 100 });
    expect(next.number).not.toBe(order.number);
  });

  it('holds the basket at sign-off and lists it; the next cashier recalls it', async () => {
    const { core } = await shop();
    const order = await scanned(core, PRODUCTS.water.barcode, 4);
    await signOff(core);
    await call(core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    expect((await call<{ order: OrderView | null }>(core, 'order:current')).order).toBeNull();
    const held = (await call<{ orders: HeldOrder[] }>(core, 'order:listHeld')).orders;
    expect(held.map((h) => [h.number, h.totalFen])).toEqual([[order.number, 800]]);
  });
});
