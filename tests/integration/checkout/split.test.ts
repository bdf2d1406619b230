import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView, PrintJob, ReportView, TransactionView } from '../../../preload/contract';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { SUPERVISOR, cardTill, type CardTill } from '../cards/harness';
import { wechat } from '../qr-core/harness';
import { PRODUCTS, call, refused, scanned, stockCatalogue } from './harness';
import { cardPart, qrPart, tendersOf } from './split-harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function shop() {
  till = await cardTill();
  stockCatalogue(till.core);
  return { t: till, core: till.core };
}

/** An order of 2 chips + 3 cola = ¥26.00. */
async function basket(core: CardTill['core']): Promise<OrderView> {
  await scanned(core, PRODUCTS.chips.barcode, 2);
  return scanned(core, PRODUCTS.cola.barcode, 3);
}

describe('split tender (组合支付)', () => {
  it('takes QR, then card, then cash with change; one order receipt lists every payment', async () => {
    const { t, core } = await shop();
    const order = await basket(core);
    expect(order.totals.totalFen).toBe(2600);

    const qr = await qrPart(core, order.id, wechat(0), 1000);
    expect(qr.outcome.outcome).toBe('approved');
    expect(qr.order).toMatchObject({ state: 'paying', paidFen: 1000, dueFen: 1600 });
    expect(qr.printJobs).toEqual([]); // the order receipt waits for the order to be paid

    // a card may not take more than is left
    expect(
      (await refused(core, 'order:payCard', { orderId: order.id, amountFen: 1601 })).code,
    ).toBe('TENDER_EXCEEDS_DUE');
    const card = await cardPart(core, order.id, 1200);
    expect(card.outcome.outcome).toBe('approved');
    expect(card.order).toMatchObject({ state: 'paying', paidFen: 2200, dueFen: 400 });
    // the basket can't change under its payments
    expect((await refused(core, 'order:addOpenLine', { amountFen: 100 })).code).toBe(
      'ORDER_NOT_EDITABLE',
    );
    // nor be thrown away without undoing them
    expect((await refused(core, 'order:cancel', { orderId: order.id })).code).toBe(
      'ORDER_PARTLY_PAID',
    );
    expect(
      (await refused(core, 'order:payCash', { orderId: order.id, tenderedFen: 399 })).code,
    ).toBe('TENDER_TOO_LOW');

    const cash = await call<{
      order: OrderView;
      transaction: TransactionView;
      printJobs: PrintJob[];
    }>(core, 'order:payCash', { orderId: order.id, tenderedFen: 1000 });
    expect(cash.transaction).toMatchObject({ amountFen: 400, tenderedFen: 1000, changeFen: 600 });
    expect(cash.order).toMatchObject({ state: 'paid', paidFen: 2600, dueFen: 0 });
    expect(tendersOf(cash.order)).toEqual([
      ['qr', 'approved', 1000],
      ['card', 'approved', 1200],
      ['cash', 'approved', 400],
    ]);

    // card slips (2), then the one order receipt
    const jobs = (await t.printer.waitForJobs(3)).map((b) => decodeEscPos(b));
    const texts = jobs.map((d) => d.lines.map((l) => l.text).join('\n'));
    expect(texts.filter((x) => x.includes('收银小票'))).toHaveLength(1);
    const receipt = texts.find((x) => x.includes('收银小票'))!;
    expect(receipt).toContain(order.number);
    expect(receipt).toMatch(/应付 TOTAL +RMB 26\.00/);
    expect(receipt).toMatch(/微信支付 WECHAT PAY +RMB 10\.00/);
    expect(receipt).toMatch(/银行卡 CARD +RMB 12\.00\n +622202\*+0003/);
    // cash shows what was handed over and the change
    expect(receipt).toMatch(/现金 CASH +RMB 10\.00\n找零 CHANGE +RMB 6\.00/);
    expect(receipt).toMatch(/已付 PAID +RMB 26\.00/);

    // each payment under its tender, the order's money once under sales:
    // the cashier's shift, then the supervisor's X report and the settlement (Z)
    const counted = (r: ReportView) => {
      expect(r.totals.qr).toMatchObject({ debitCount: 1, debitFen: 1000 });
      expect(r.totals.cardDomestic).toMatchObject({ debitCount: 1, debitFen: 1200 });
      expect(r.totals.cash).toMatchObject({ debitCount: 1, debitFen: 400 });
      expect(r.totals.total).toMatchObject({ debitCount: 3, debitFen: 2600, creditFen: 0 });
    };
    counted(await call<ReportView>(core, 'reports:shift', {}));
    await call(core, 'auth:signOff');
    await call(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: SUPERVISOR.password,
      confirmPassword: SUPERVISOR.password,
    });
    counted(await call<ReportView>(core, 'reports:day', {}));
    await call(core, 'settlement:run');
    counted(await call<ReportView>(core, 'reports:settlement', {}));
  });

  it('keeps the order and its approved payment when a card is declined mid-way', async () => {
    const { core } = await shop();
    const order = await basket(core);
    await qrPart(core, order.id, wechat(0), 600);
    const declined = await cardPart(core, order.id, 1000, 'insufficient');
    expect(declined.outcome).toMatchObject({ outcome: 'declined', responseCode: '51' });
    expect(declined.order).toMatchObject({ state: 'paying', paidFen: 600, dueFen: 2000 });
    expect(declined.order.lines).toEqual(order.lines);
    // the order is still the one at the counter, and the remainder is paid by another card
    const current = (await call<{ order: OrderView | null }>(core, 'order:current')).order;
    expect(current).toMatchObject({ id: order.id, state: 'paying', dueFen: 2000 });
    const rest = await cardPart(core, order.id);
    expect(rest.order).toMatchObject({ state: 'paid', paidFen: 2600 });
    expect(tendersOf(rest.order)).toEqual([
      ['qr', 'approved', 600],
      ['card', 'declined', 1000],
      ['card', 'approved', 2000],
    ]);
  });
});
