import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  buildOrderReceipt,
  discountLabel,
  formatKg,
  orderReceiptOf,
} from '../../../../main/domain/order-receipt';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';

const TERMINAL = {
  merchantName: '测试便利店',
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  header: '',
  footer: '谢谢惠顾 THANK YOU',
};
const line = (over: Record<string, unknown>) => ({
  name: '可口可乐',
  spec: '330ml',
  unit: '罐',
  quantity: 1,
  weightG: null,
  unitPriceFen: 300,
  listPriceFen: 300,
  fixedAmountFen: null,
  discount: null,
  grossFen: 300,
  lineDiscountFen: 0,
  netFen: 300,
  ...over,
});
const ORDER = {
  orderNo: '20261204000123',
  operatorNo: '01',
  training: true,
  paidAt: Date.parse('2026-12-04T15:51:29+08:00'),
  updatedAt: 0,
  lines: [
    line({
      quantity: 2,
      grossFen: 600,
      discount: { kind: 'percent', value: 1000 },
      lineDiscountFen: 60,
      netFen: 540,
    }),
    line({
      name: '香蕉',
      spec: '',
      unit: 'kg',
      weightG: 532,
      unitPriceFen: 698,
      listPriceFen: 698,
      grossFen: 371,
      netFen: 371,
    }),
    line({ name: '五花肉', spec: '', fixedAmountFen: 1234, grossFen: 1234, netFen: 1234 }),
    line({ name: '可口可乐 330ml', spec: '330ml', unitPriceFen: 250, grossFen: 250, netFen: 250 }),
  ],
  totals: {
    grossFen: 2455,
    lineDiscountFen: 60,
    orderDiscountFen: 100,
    roundingFen: 5,
    totalFen: 2290,
    itemCount: 5,
  },
};
const payments = [
  {
    state: 'declined',
    tender: 'card' as const,
    amountFen: 2290,
    tenderedFen: null,
    changeFen: null,
    batchNo: '000001',
    traceNo: '000009',
    card: { panMasked: '622202*********0003', authCode: null },
    qr: null,
  },
  {
    state: 'approved',
    tender: 'card' as const,
    amountFen: 1000,
    tenderedFen: null,
    changeFen: null,
    batchNo: '000001',
    traceNo: '000010',
    card: { panMasked: '622202*********0003', authCode: '123456' },
    qr: null,
  },
  {
    state: 'approved',
    tender: 'cash' as const,
    amountFen: 1290,
    tenderedFen: 2000,
    changeFen: 710,
    batchNo: '000001',
    traceNo: '000011',
    card: null,
    qr: null,
  },
];

function print(width: 58 | 80) {
  const doc = buildOrderReceipt(TERMINAL, orderReceiptOf(ORDER, payments), {
    duplicate: false,
    openDrawer: true,
  });
  const bytes = encodeDocument(doc, { paperWidth: width });
  return decodeEscPos(bytes);
}

describe('the order receipt', () => {
  it('lists lines (quantity, weight, scale label), discounts, total, each approved payment and the 单号 bar code', () => {
    const r = print(80);
    const text = r.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/单号 ORDER NO\. +20261204000123/);
    expect(text).toMatch(/可口可乐 330ml\n {2}2 x 3\.00 +6\.00\n {2}折扣 DISCOUNT -10% +-0\.60/);
    expect(text).toMatch(/香蕉\n {2}0\.532kg x 6\.98\/kg +3\.71/);
    expect(text).toMatch(/五花肉\n {2}称重 SCALE 12\.34 +12\.34/);
    // a name that already says its spec is not doubled; a price override is said
    expect(text).not.toContain('330ml 330ml');
    expect(text).toMatch(/改价 PRICE 3\.00 -> 2\.50/);
    expect(text).toMatch(/整单折扣 ORDER DISCOUNT +RMB -1\.00/);
    expect(text).toMatch(/抹零 ROUNDING +RMB -0\.05/);
    expect(text).toMatch(/应付 TOTAL +RMB 22\.90/);
    // the declined card is not on it; the approved one masked, with its auth code, without its voucher
    expect(text.match(/银行卡 CARD/g)).toHaveLength(1);
    expect(text).toMatch(/银行卡 CARD +RMB 10\.00/);
    expect(text).not.toContain('000010');
    expect(text).toMatch(/现金 CASH +RMB 20\.00\n找零 CHANGE +RMB 7\.10/);
    expect(text).toMatch(/BATCH\/VOUCHER +000001\/000011/);
    expect(text).toMatch(/已付 PAID +RMB 22\.90/);
    expect(r.lines.find((l) => l.barcode)?.barcode).toEqual({
      symbology: 'code128',
      data: '20261204000123',
    });
    expect(r.drawerKicks).toBe(1);
    expect(r.cuts).toBe(1);
  });

  it('fits 58 mm (32 columns) and 80 mm (48 columns) paper', () => {
    for (const [width, cols] of [
      [58, 32],
      [80, 48],
    ] as const) {
      for (const l of print(width).lines) {
        if (l.barcode || l.double) continue;
        const columns = [...l.text].reduce((n, ch) => n + iconv.encode(ch, 'gb18030').length, 0);
        expect(columns, `${width} mm: "${l.text}"`).toBeLessThanOrEqual(cols);
      }
    }
  });

  it('writes weights and discounts without floating point', () => {
    expect(formatKg(532)).toBe('0.532kg');
    expect(formatKg(12_005)).toBe('12.005kg');
    expect(discountLabel({ kind: 'percent', value: 1250 })).toBe('-12.5%');
    expect(discountLabel({ kind: 'percent', value: 1000 })).toBe('-10%');
    expect(discountLabel({ kind: 'amount', value: 150 })).toBe('-1.50');
  });
});
