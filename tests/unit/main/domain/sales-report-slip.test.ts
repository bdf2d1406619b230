import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { foldSales, type SoldLine } from '../../../../main/domain/sales-report';
import {
  buildSalesReportSlip,
  type SalesReportSlip,
} from '../../../../main/domain/sales-report-slip';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';

const TERMINAL = {
  merchantName: '测试便利店',
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  header: '',
  footer: '',
};
const line = (over: Partial<SoldLine>): SoldLine => ({
  orderId: 1,
  operatorNo: '01',
  orderDiscountFen: 0,
  orderDiscountApprovedBy: null,
  roundingFen: 0,
  kind: 'product',
  productId: 1,
  code: '6901028075862',
  name: '可口可乐 500ml',
  unit: '瓶',
  categoryId: 1,
  categoryName: '饮料',
  quantity: 2,
  weightG: null,
  grossFen: 600,
  lineDiscountFen: 0,
  lineOrderDiscountFen: 0,
  netFen: 600,
  lineDiscountApprovedBy: null,
  priceOverrideBy: null,
  ...over,
});
const FOLD = foldSales(
  [
    line({}),
    line({
      orderId: 2,
      operatorNo: '02',
      productId: 2,
      code: '2000001',
      name: '香蕉',
      unit: 'kg',
      categoryId: 2,
      categoryName: '水果',
      quantity: 1,
      weightG: 1250,
      grossFen: 873,
      lineDiscountFen: 73,
      lineDiscountApprovedBy: '00',
      netFen: 800,
      roundingFen: 3,
    }),
  ],
  [
    {
      kind: 'product',
      productId: 1,
      code: '6901028075862',
      name: '可口可乐 500ml',
      unit: '瓶',
      categoryId: 1,
      categoryName: '饮料',
      quantity: 1,
      amountFen: 300,
    },
  ],
);
const SLIP: SalesReportSlip = {
  view: 'products',
  fold: FOLD,
  from: Date.parse('2026-12-04T00:00:00+08:00'),
  to: Date.parse('2026-12-04T18:00:00+08:00'),
  operatorNo: null,
  printedBy: '00',
  printedAt: Date.parse('2026-12-04T18:00:05+08:00'),
  training: true,
};
const print = (slip: SalesReportSlip, width: 58 | 80) =>
  decodeEscPos(encodeDocument(buildSalesReportSlip(TERMINAL, slip), { paperWidth: width }));
const text = (slip: SalesReportSlip, width: 58 | 80 = 80) =>
  print(slip, width)
    .lines.map((l) => l.text)
    .join('\n');

describe('the sales report slip', () => {
  it('lists every product with what sold, its discount and returns, and totals that add up', () => {
    const t = text(SLIP);
    expect(t).toContain('商品销售报表');
    expect(t).toContain('*** 培训 TRAINING ***');
    expect(t).toMatch(/单数 ORDERS +2/);
    expect(t).toMatch(
      /6901028075862 可口可乐 500ml\n {2}x 2 +RMB 6\.00\n {2}退货 RETURNED x 1 +RMB -3\.00/,
    );
    expect(t).toMatch(/2000001 香蕉\n {2}1\.250 kg +RMB 8\.00\n {2}折扣 DISCOUNT +RMB -0\.73/);
    expect(t).toMatch(/原价 GROSS +RMB 14\.73\n折扣 DISCOUNT +RMB -0\.73\n实收 NET +RMB 14\.00/);
    expect(t).toMatch(/退货 RETURNED x 1 +RMB -3\.00/);
    expect(t).toMatch(/打印操作员 PRINTED BY +00/);
    expect(print(SLIP, 80).cuts).toBeGreaterThanOrEqual(1);
  });

  it('by category, and each operator’s discounts with the supervisor who approved them', () => {
    const byCategory = text({ ...SLIP, view: 'categories' });
    expect(byCategory).toContain('分类销售报表');
    expect(byCategory).toMatch(/水果\n {2}1\.250 kg +RMB 8\.00/);
    expect(byCategory).not.toContain('6901028075862');
    const discounts = text({ ...SLIP, view: 'discounts', operatorNo: '02' });
    expect(discounts).toMatch(/班次操作员 SHIFT OF +02/);
    expect(discounts).toMatch(/操作员 OPERATOR 02 +RMB 0\.76/);
    expect(discounts).toMatch(/单品折扣 LINE x 1 +RMB 0\.73/);
    expect(discounts).toMatch(/抹零 ROUNDING x 1 +RMB 0\.03/);
    expect(discounts).toMatch(/主管 SUPERVISOR 00 x 1 +RMB 0\.73/);
    expect(text({ ...SLIP, view: 'products', fold: foldSales([]) })).toContain('无销售 NO SALES');
  });

  it('fits 58 mm (32 columns) and 80 mm (48 columns)', () => {
    for (const [width, cols] of [
      [58, 32],
      [80, 48],
    ] as const)
      for (const view of ['products', 'categories', 'discounts'] as const)
        for (const l of print({ ...SLIP, view }, width).lines) {
          if (l.double) continue;
          const columns = [...l.text].reduce((n, ch) => n + iconv.encode(ch, 'gb18030').length, 0);
          expect(columns, `${width} mm ${view}: "${l.text}"`).toBeLessThanOrEqual(cols);
        }
  });
});
