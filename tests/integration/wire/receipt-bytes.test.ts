import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../../preload/contract';
import { ok, signOff } from '../../support/core';
import {
  approvedSale,
  cardTill,
  supervisorReady,
  SUPERVISOR,
  type CardTill,
} from '../cards/harness';
import { PRODUCTS, call, scanned, stockCatalogue } from '../checkout/harness';
import { decodeEscPos, textOf } from './escpos-decoder';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

/**
 * A training day on one till: a card sale and its reprint, an order with a line
 * discount paid in cash, a return of one line, the shift report at sign-off, X,
 * settlement and Z.
 */
async function day(paperWidth: 58 | 80) {
  till = await cardTill({ paperWidth });
  const t = till;
  stockCatalogue(t.core);
  await supervisorReady(t);
  const sale = await approvedSale(t.core, 123_456);
  await ok(t.core, 'print:reprint', { txId: sale.transaction.id });
  await scanned(t.core, PRODUCTS.cola.barcode, 2);
  const chips = await scanned(t.core, PRODUCTS.chips.barcode, 3);
  const chipsLine = chips.lines.find((l) => l.name === PRODUCTS.chips.name)!;
  await call<OrderView>(t.core, 'order:setLineDiscount', {
    lineId: chipsLine.id,
    discount: { kind: 'percent', value: 1000 },
  });
  const order = await scanned(t.core, PRODUCTS.water.barcode);
  await call(t.core, 'order:payCash', { orderId: order.id, tenderedFen: 5_000 });
  await call(t.core, 'returns:create', {
    orderId: order.id,
    lines: [{ lineId: order.lines.find((l) => l.name === PRODUCTS.water.name)!.id, quantity: 1 }],
    supervisor: SUPERVISOR,
  });
  await signOff(t.core, 5_000);
  await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
  await ok(t.core, 'reports:print', { kind: 'day' });
  await ok(t.core, 'settlement:run');
  await ok(t.core, 'reports:print', { kind: 'settlement' });
  // 2 slips, 2 reprints, order receipt, return slip, shift report, X, settlement slip, Z.
  return { t, sale, order, jobs: await t.printer.waitForJobs(10) };
}

const PAPER = { 58: { columns: 32, dots: 384 }, 80: { columns: 48, dots: 576 } } as const;

describe('receipt bytes, decoded command by command (PRODUCT.md §5, §12, §13)', () => {
  it.each([58, 80] as const)(
    '%i mm: every job of a trading day is valid ESC/POS that fits the paper, with the content the spec asks for',
    async (width) => {
      const { sale, order, jobs: raw } = await day(width);
      const paper = PAPER[width];
      const jobs = raw.map((bytes) => ({ bytes, job: decodeEscPos(bytes), text: '' }));
      for (const j of jobs) j.text = textOf(j.job);
      expect(jobs.length).toBe(10);
      for (const { bytes, job, text } of jobs) {
        // ESC @ first, once; one cut, after the last line; the training mark (training mode).
        expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
        expect(job.inits).toBe(1);
        expect(job.events.filter((e) => e.startsWith('cut'))).toEqual([`cut@${job.lines.length}`]);
        expect(text).toContain('*** 培训 TRAINING ***');
        for (const l of job.lines)
          expect(l.columns, `"${l.text}" on ${paper.columns} columns`).toBeLessThanOrEqual(
            paper.columns,
          );
        for (const b of job.barcodes) {
          expect(b.dots, `bar code ${b.data} on a ${paper.dots}-dot head`).toBeLessThanOrEqual(
            paper.dots,
          );
          expect(b.hri).toBe(2);
        }
        // Never a whole card number: the 19-digit PAN does not appear, only 622202*********0003.
        expect(text).not.toContain('6222021234567890003');
        expect(text).not.toMatch(/622202\d{7,}/);
      }
      const find = (what: string) => jobs.filter((j) => j.text.includes(what));
      const tx = sale.transaction;

      // 签购单: two copies, then two reprints marked 重打印 / DUPLICATE.
      const merchant = find('商户存根 MERCHANT COPY');
      const holder = find('持卡人存根 CARDHOLDER COPY');
      expect(merchant).toHaveLength(2);
      expect(holder).toHaveLength(2);
      for (const [i, j] of [...merchant, ...holder].entries()) {
        const t = j.text;
        expect(j.job.lines[0]).toMatchObject({
          text: '银联POS签购单',
          doubleWidth: true,
          doubleHeight: true,
          bold: true,
          align: 'center',
        });
        expect(t).toContain('测试便利店');
        for (const re of [
          /商户编号 MERCHANT NO\.\s+898310148160001/,
          /终端编号 TERMINAL NO\.\s+T0000001/,
          /操作员号 OPERATOR\s+01/,
          /622202\*{9}0003/,
          /交易类型 TRANS TYPE\s+消费 SALE/,
          new RegExp(`批次号 BATCH NO\\.\\s+${tx.batchNo}`),
          new RegExp(`凭证号 VOUCHER NO\\.\\s+${tx.traceNo}`),
          new RegExp(`授权码 AUTH NO\\.\\s+${tx.card!.authCode}`),
          new RegExp(`参考号 REFER NO\\.\\s+${tx.card!.rrn}`),
          /日期时间 DATE\/TIME\s+\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/,
          /金额 AMOUNT\s+RMB 1,234\.56/,
          /本人确认以上交易/,
        ])
          expect(t).toMatch(re);
        expect(t.includes('持卡人签名 CARDHOLDER SIGNATURE')).toBe(i < 2);
        expect(t.includes('重打印 DUPLICATE')).toBe(i % 2 === 1);
        expect(j.job.kicks).toEqual([]);
      }

      // The order receipt: the drawer kick first, lines, discount, total, cash and change, the number as a bar code.
      const [receipt] = find('收银小票 SALES RECEIPT');
      expect(receipt!.job.kicks).toEqual([[0, 25, 250]]);
      expect(receipt!.job.events[0]).toBe('kick@0');
      expect(receipt!.job.barcodes).toMatchObject([{ type: 73, codeSet: 'C', data: order.number }]);
      for (const re of [
        new RegExp(`单号 ORDER NO\\.\\s+${order.number}`),
        /可口可乐 500ml\n\s+2 x 3\.00\s+6\.00/,
        /乐事薯片 75g\n\s+3 x 8\.50\s+25\.50\n\s+折扣 DISCOUNT -10%\s+-2\.55/,
        /应付 TOTAL\s+RMB 30\.95/,
        /现金 CASH\s+RMB 50\.00\n找零 CHANGE\s+RMB 19\.05/,
      ])
        expect(receipt!.text).toMatch(re);

      // The return slip: its number as a bar code that a 58 mm head can print, the original order, cash out.
      const [slip] = find('退货单 RETURN SLIP');
      const returnNo = /退货单号 RETURN NO\.\s+(R\d{14})/.exec(slip!.text)?.[1];
      expect(returnNo).toBeDefined();
      expect(slip!.job.barcodes).toMatchObject([{ type: 73, data: returnNo }]);
      expect(slip!.text).toMatch(new RegExp(`原单号 ORIGINAL ORDER\\s+${order.number}`));
      expect(slip!.text).toMatch(/退款合计 REFUND TOTAL\s+RMB 2\.00/);
      expect(slip!.job.kicks).toEqual([[0, 25, 250]]);

      // Shift report, X and Z: the drawer figures (float 0, cash 30.95 − 2.00, counted 50.00).
      const drawer = [
        /备用金 FLOAT\s+RMB 0\.00/,
        /应有现金 EXPECTED\s+RMB 28\.95/,
        /实点现金 COUNTED\s+RMB 50\.00/,
        /长短款 长款 OVER\s+RMB 21\.05/,
      ];
      for (const title of ['SHIFT REPORT', 'DAY REPORT (X)', 'SETTLEMENT REPORT (Z)']) {
        const [r] = find(title);
        for (const re of drawer) expect(r!.text, title).toMatch(re);
      }
      const [settled] = jobs.filter((j) => /SETTLEMENT REPORT$/m.test(j.text));
      expect(settled!.text).toMatch(/对账结果 RESULT\s+对账平 BALANCED/);
      expect(settled!.text).toMatch(/结算周期 CYCLE\s+T\+1/);
    },
    60_000,
  );
});
