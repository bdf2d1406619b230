import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldSales, type ReturnedLine, type SoldLine } from '../../../../main/domain/sales-report';
import { mergeFolds } from '../../../../main/domain/sales-report-merge';

/**
 * A month's report merges its days' folds (migration 017 keeps closed days'):
 * whatever the lines, the merged days must give exactly what one fold over
 * all of them gives — sums, names, units, order counts, top and discounts.
 * Names change between days on purpose (a product renamed, a category
 * renamed, a unit changed) and returns come before and after sales.
 */
const product = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  name: fc.constantFrom('可乐', '可口可乐', '雪碧', '香蕉'),
  code: fc.option(fc.constantFrom('10001', '10002', '20001'), { nil: null }),
  unit: fc.constantFrom('瓶', '个', 'kg'),
  open: fc.boolean(),
  category: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  categoryName: fc.constantFrom('饮料', '饮品', '水果'),
});
type P = typeof product extends fc.Arbitrary<infer T> ? T : never;

const describeLine = (p: P) => ({
  kind: p.open ? ('open' as const) : ('product' as const),
  productId: p.open ? null : p.id,
  code: p.open ? null : p.code,
  name: p.name,
  unit: p.unit,
  categoryId: p.category,
  categoryName: p.category === null ? null : p.categoryName,
});

const soldLine = fc.record({
  p: product,
  quantity: fc.integer({ min: 1, max: 9 }),
  weightG: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
  grossFen: fc.integer({ min: 0, max: 10_000 }),
  lineDiscountFen: fc.nat(500),
  lineOrderDiscountFen: fc.nat(300),
  lineDiscountApprovedBy: fc.option(fc.constantFrom('00', '09'), { nil: null }),
  priceOverrideBy: fc.option(fc.constant('00'), { nil: null }),
});
const order = fc.record({
  operatorNo: fc.constantFrom('01', '02', '03'),
  orderDiscountFen: fc.nat(400),
  orderDiscountApprovedBy: fc.option(fc.constantFrom('00', '09'), { nil: null }),
  roundingFen: fc.nat(9),
  lines: fc.array(soldLine, { minLength: 1, maxLength: 4 }),
});
const returned = fc.record({
  p: product,
  quantity: fc.integer({ min: 1, max: 3 }),
  amountFen: fc.nat(2000),
});
const day = fc.record({
  orders: fc.array(order, { maxLength: 5 }),
  returns: fc.array(returned, { maxLength: 3 }),
});

describe('mergeFolds', () => {
  it('the days’ folds merged equal one fold over all their lines', () => {
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 6 }), (days) => {
        let orderId = 0;
        const perDay = days.map((d) => {
          const sold: SoldLine[] = [];
          for (const o of d.orders) {
            orderId += 1;
            for (const l of o.lines)
              sold.push({
                orderId,
                operatorNo: o.operatorNo,
                orderDiscountFen: o.orderDiscountFen,
                orderDiscountApprovedBy: o.orderDiscountApprovedBy,
                roundingFen: o.roundingFen,
                ...describeLine(l.p),
                quantity: l.quantity,
                weightG: l.weightG,
                grossFen: l.grossFen,
                lineDiscountFen: l.lineDiscountFen,
                lineOrderDiscountFen: l.lineOrderDiscountFen,
                netFen: l.grossFen - l.lineDiscountFen - l.lineOrderDiscountFen,
                lineDiscountApprovedBy: l.lineDiscountApprovedBy,
                priceOverrideBy: l.priceOverrideBy,
              });
          }
          const back: ReturnedLine[] = d.returns.map((r) => ({
            ...describeLine(r.p),
            quantity: r.quantity,
            amountFen: r.amountFen,
          }));
          return { sold, back };
        });
        const whole = foldSales(
          perDay.flatMap((d) => d.sold),
          perDay.flatMap((d) => d.back),
        );
        // Through JSON, as the kept folds are.
        const merged = mergeFolds(
          perDay.map((d) => JSON.parse(JSON.stringify(foldSales(d.sold, d.back)))),
        );
        expect(merged).toEqual(whole);
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  it('one day merged is that day', () => {
    const one = foldSales([], []);
    expect(mergeFolds([one])).toEqual(one);
    expect(mergeFolds([])).toEqual(one);
  });
});
