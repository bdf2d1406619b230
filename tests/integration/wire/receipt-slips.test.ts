import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardRefundOutcome, OrderView, Result } from '../../../preload/contract';
import { ok, signOff, cashierIn, SETUP } from '../../support/core';
import { startPrinterSimulator, type PrinterSimulator } from '../../../native/printer/simulator';
import { localDate } from '../../../main/services/printing/receipts';
import {
  approvedSale,
  cardTill,
  padShows,
  presentCard,
  supervisorReady,
  SUPERVISOR,
  type CardTill,
} from '../cards/harness';
import { PRODUCTS, call, payByCard, scanned, stockCatalogue } from '../checkout/harness';
import { wechat } from '../qr-core/harness';
import { decodeEscPos, textOf } from './escpos-decoder';

/** 20 Chinese characters: 40 bytes in GB18030, the longest merchant name PRODUCT.md §1 allows. */
const LONG_NAME = '上海市浦东新区张江高科技园区便利店一分店';

let till: CardTill | null = null;
let printer: PrinterSimulator | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function cardIfAsked<T>(t: CardTill, run: Promise<T>): Promise<T> {
  const first = await Promise.race([
    run.then((r) => ({ r })),
    padShows(t.core, 'card').then(() => null),
  ]);
  if (first) return first.r;
  await presentCard(t.core, 'approve');
  return run;
}

describe('slips of voids, refunds, QR and card orders on 58 mm with the longest merchant name', () => {
  it('decode to valid ESC/POS within 32 columns, with the spec content of each', async () => {
    printer = await startPrinterSimulator();
    const p = printer;
    till = await cardTill({
      printer: p,
      paperWidth: 58,
      asTechnician: async (core) => {
        await ok(core, 'setup:save', {
          ...SETUP,
          paperWidth: 58,
          merchantName: LONG_NAME,
          printer: { kind: 'tcp', host: '127.0.0.1', port: p.port },
        });
      },
    });
    const t = till;
    expect(iconv.encode(LONG_NAME, 'gb18030')).toHaveLength(40);
    stockCatalogue(t.core);
    await supervisorReady(t);
    const s = await approvedSale(t.core, 5_000);
    await cardIfAsked(
      t,
      t.core.dispatch('voids:run', { traceNo: s.transaction.traceNo, supervisor: SUPERVISOR }),
    );
    await scanned(t.core, PRODUCTS.cola.barcode, 2);
    const o = await scanned(t.core, PRODUCTS.chips.barcode, 1);
    await call(t.core, 'order:setOrderDiscount', {
      discount: { kind: 'amount', value: 100 },
      supervisor: SUPERVISOR,
    });
    await call<{ order: OrderView }>(t.core, 'order:payQr', { orderId: o.id, code: wechat(0) });
    const o2 = await scanned(t.core, PRODUCTS.water.barcode, 2);
    await payByCard(t.core, o2.id);
    await call(t.core, 'order:reprint', { orderId: o2.id });
    const big = await approvedSale(t.core, 99_999_999); // ¥999,999.99, the largest sale
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', SUPERVISOR);
    await ok(t.core, 'settlement:run');
    await signOff(t.core);
    await cashierIn(t.core);
    const refund = (await cardIfAsked(
      t,
      t.core.dispatch('refunds:card', {
        rrn: big.transaction.card!.rrn,
        date: localDate(Date.parse(big.transaction.createdAt)),
        amountFen: 700,
        supervisor: SUPERVISOR,
      }),
    )) as Result<CardRefundOutcome>;
    expect(refund.ok).toBe(true);

    // sale ×2, void ×2, QR order, card ×2 + order, order reprint, big sale ×2, shift, settlement, refund ×2
    const jobs = (await p.waitForJobs(15)).map((b) => decodeEscPos(b));
    const texts = jobs.map(textOf);
    for (const j of jobs) {
      for (const l of j.lines) expect(l.columns, l.text).toBeLessThanOrEqual(32);
      for (const b of j.barcodes) expect(b.dots).toBeLessThanOrEqual(384);
      expect(j.cuts).toHaveLength(1);
    }
    // The merchant name is never cut off: wrapped, every character printed.
    for (const text of texts) {
      if (/签购单|SALES RECEIPT|REPORT/.test(text))
        expect(text.replace(/\n/g, '')).toContain(LONG_NAME);
    }
    const slip = (type: string, copy: string) =>
      texts.filter((x) => x.includes(copy) && new RegExp(`交易类型 TRANS TYPE\\s+${type}`).test(x));
    const [voidSlip] = slip('消费撤销 VOID', '商户存根');
    expect(voidSlip).toMatch(new RegExp(`原凭证号 ORIG VOUCHER ${s.transaction.traceNo}`));
    expect(voidSlip).toMatch(/金额 AMOUNT\s+RMB 50\.00/);
    expect(slip('消费撤销 VOID', '持卡人存根')).toHaveLength(1);
    const [refundSlip] = slip('退货 REFUND', '商户存根');
    expect(refundSlip).toMatch(new RegExp(`原参考号 ORIG REF ${big.transaction.card!.rrn}`));
    expect(refundSlip).toMatch(/金额 AMOUNT\s+RMB 7\.00/);
    expect(slip('退货 REFUND', '持卡人存根')).toHaveLength(1);
    expect(texts.filter((x) => /金额 AMOUNT\s+RMB 999,999\.99/.test(x))).toHaveLength(2);

    const orders = jobs.filter((j) => textOf(j).includes('收银小票 SALES RECEIPT'));
    expect(orders).toHaveLength(3);
    const [qrOrder, cardOrder, reprint] = orders.map(textOf);
    expect(qrOrder).toMatch(/整单折扣 ORDER DISCOUNT\s+RMB -1\.00\n应付 TOTAL\s+RMB 13\.50/);
    expect(qrOrder).toMatch(/微信支付 WECHAT PAY\s+RMB 13\.50/);
    expect(orders[0]!.kicks).toEqual([]); // no cash, no drawer
    expect(cardOrder).toMatch(/银行卡 CARD\s+RMB 4\.00\n\s+622202\*{9}0003/);
    expect(cardOrder).not.toContain('重打印');
    expect(reprint).toContain('*** 重打印 DUPLICATE ***');
    expect(orders[2]!.barcodes.map((b) => b.data)).toEqual([o2.number]);
    for (const text of texts) expect(text).not.toMatch(/622202\d{7,}/);
  }, 60_000);
});
