import { describe, expect, it } from 'vitest';
import { foldSales, UNCATEGORISED, type SoldLine } from '../../../../main/domain/sales-report';

const line = (over: Partial<SoldLine>): SoldLine => ({
  orderId: 1,
  operatorNo: '01',
  orderDiscountFen: 0,
  orderDiscountApprovedBy: null,
  roundingFen: 0,
  kind: 'product',
  productId: 1,
  code: '10001',
  name: '可口可乐',
  unit: '瓶',
  categoryId: 1,
  categoryName: '饮料',
  quantity: 1,
  weightG: null,
  grossFen: 300,
  lineDiscountFen: 0,
  lineOrderDiscountFen: 0,
  netFen: 300,
  lineDiscountApprovedBy: null,
  priceOverrideBy: null,
  ...over,
});

describe('foldSales', () => {
  it('files returned items under the product and category they were sold as; a return without the original under its name', () => {
    const f = foldSales(
      [line({ quantity: 3, grossFen: 900, netFen: 900 })],
      [
        {
          kind: 'product',
          productId: 1,
          code: '10001',
          name: '可口可乐',
          unit: '瓶',
          categoryId: 1,
          categoryName: '饮料',
          quantity: 2,
          amountFen: 600,
        },
        {
          kind: 'open',
          productId: null,
          code: null,
          name: '矿泉水',
          unit: '',
          categoryId: null,
          categoryName: null,
          quantity: 1,
          amountFen: 200,
        },
      ],
    );
    expect(
      f.products.map((p) => [p.name, p.quantity, p.netFen, p.returnedQuantity, p.returnedFen]),
    ).toEqual([
      ['可口可乐', 3, 900, 2, 600],
      ['矿泉水', 0, 0, 1, 200],
    ]);
    expect(f.categories.map((c) => [c.name, c.returnedQuantity, c.returnedFen])).toEqual([
      ['饮料', 2, 600],
      [UNCATEGORISED, 1, 200],
    ]);
    expect(f.totals).toMatchObject({ netFen: 900, returnedQuantity: 3, returnedFen: 800 });
  });

  it('counts an order’s discount and rounding-off once, lines’ discounts each, approvals by supervisor', () => {
    const f = foldSales([
      // Order 1: ¥1 order discount approved by 00, 抹零 ¥0.05, spread over two lines.
      line({
        quantity: 2,
        grossFen: 600,
        lineDiscountFen: 60,
        lineDiscountApprovedBy: '00',
        orderDiscountFen: 100,
        orderDiscountApprovedBy: '00',
        roundingFen: 5,
        lineOrderDiscountFen: 70,
        netFen: 470,
      }),
      line({
        productId: 5,
        code: '10005',
        name: '香蕉',
        unit: 'kg',
        categoryId: null,
        categoryName: null,
        weightG: 1250,
        grossFen: 873,
        orderDiscountFen: 100,
        orderDiscountApprovedBy: '00',
        roundingFen: 5,
        lineOrderDiscountFen: 35,
        netFen: 838,
        priceOverrideBy: '00',
      }),
      // Order 2 by 02: an open-price line, no discount.
      line({
        orderId: 2,
        operatorNo: '02',
        kind: 'open',
        productId: null,
        code: null,
        name: '数额',
        categoryId: null,
        categoryName: null,
        grossFen: 500,
        netFen: 500,
      }),
      // Order 3: cola again, renamed since.
      line({ orderId: 3, name: '可口可乐 500ml', netFen: 300 }),
    ]);
    expect(f.orders).toBe(3);
    expect(f.totals).toEqual({
      quantity: 4,
      weightG: 1250,
      grossFen: 2273,
      discountFen: 165,
      netFen: 2108,
      returnedQuantity: 0,
      returnedFen: 0,
    });
    expect(f.products.map((p) => [p.key, p.name, p.quantity, p.weightG, p.netFen])).toEqual([
      ['p1', '可口可乐 500ml', 3, 0, 770],
      ['p5', '香蕉', 0, 1250, 838],
      ['o:数额', '数额', 1, 0, 500],
    ]);
    expect(f.categories.map((c) => [c.name, c.netFen])).toEqual([
      [UNCATEGORISED, 1338],
      ['饮料', 770],
    ]);
    expect(f.top.map((p) => p.key)).toEqual(['p5', 'p1', 'o:数额']);
    expect(f.discounts).toEqual([
      {
        operatorNo: '01',
        lineCount: 1,
        lineFen: 60,
        orderCount: 1,
        orderFen: 100,
        roundingCount: 1,
        roundingFen: 5,
        overrideCount: 1,
        approvedCount: 2,
        approvedFen: 160,
        totalFen: 165,
        approvers: [{ supervisorNo: '00', count: 2, amountFen: 160 }],
      },
    ]);
    // Every fen is somewhere: products, categories and totals agree.
    const sum = (rows: Array<{ netFen: number }>) => rows.reduce((s, r) => s + r.netFen, 0);
    expect(sum(f.products)).toBe(f.totals.netFen);
    expect(sum(f.categories)).toBe(f.totals.netFen);
  });

  it('folds nothing to an empty report', () => {
    expect(foldSales([])).toMatchObject({
      orders: 0,
      products: [],
      categories: [],
      top: [],
      discounts: [],
    });
  });
});
