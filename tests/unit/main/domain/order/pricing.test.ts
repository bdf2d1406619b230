import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  divRoundHalfUp,
  lineGross,
  priceOrder,
  type Discount,
  type LineInput,
  type RoundingOff,
} from '../../../../../main/domain/order/pricing';

const line = (over: Partial<LineInput>): LineInput => ({
  quantity: 1,
  weightG: null,
  unitPriceFen: 100,
  fixedAmountFen: null,
  discount: null,
  ...over,
});

function priced(
  lines: LineInput[],
  discount: Discount | null = null,
  rounding: RoundingOff = 'none',
) {
  const r = priceOrder(lines, discount, rounding);
  if (!r.ok) throw new Error(`pricing refused: ${JSON.stringify(r.problem)}`);
  return r.order;
}

describe('order pricing in integer fen', () => {
  it('rounds half up without floating point', () => {
    expect(divRoundHalfUp(5, 10)).toBe(1);
    expect(divRoundHalfUp(4, 10)).toBe(0);
    expect(divRoundHalfUp(15, 10)).toBe(2);
    expect(divRoundHalfUp(0, 7)).toBe(0);
    expect(() => divRoundHalfUp(-1, 2)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1.5, 2)).toThrow(RangeError);
  });

  it('prices counted, weighed and scale-label lines', () => {
    expect(lineGross(line({ quantity: 3, unitPriceFen: 350 }))).toBe(1050);
    // 532 g of bananas at ¥6.98/kg = ¥3.71336 → ¥3.71
    expect(lineGross(line({ weightG: 532, unitPriceFen: 698 }))).toBe(371);
    // 1.235 kg at ¥12.34/kg = 15.2399 → 15.24
    expect(lineGross(line({ weightG: 1235, unitPriceFen: 1234 }))).toBe(1524);
    // the label's amount is what is paid, whatever the weight says
    expect(lineGross(line({ weightG: 500, unitPriceFen: 1000, fixedAmountFen: 488 }))).toBe(488);
  });

  it('applies a line discount by percent or amount, then the order discount by largest remainder', () => {
    const order = priced(
      [
        line({ quantity: 2, unitPriceFen: 300, discount: { kind: 'percent', value: 1000 } }), // 600 − 60
        line({ unitPriceFen: 1000, discount: { kind: 'amount', value: 50 } }), // 1000 − 50
        line({ unitPriceFen: 333 }),
      ],
      { kind: 'amount', value: 100 },
    );
    expect(order.lines.map((l) => l.grossFen)).toEqual([600, 1000, 333]);
    expect(order.lines.map((l) => l.lineDiscountFen)).toEqual([60, 50, 0]);
    // 100 over 540 : 950 : 333 (sum 1823) → 29.62, 52.11, 18.26 → 29, 52, 18 + 1 to the largest remainder
    expect(order.lines.map((l) => l.orderDiscountFen)).toEqual([30, 52, 18]);
    expect(order.lines.map((l) => l.netFen)).toEqual([510, 898, 315]);
    expect(order.totals).toEqual({
      grossFen: 1933,
      lineDiscountFen: 110,
      orderDiscountFen: 100,
      roundingFen: 0,
      discountFen: 210,
      totalFen: 1723,
      itemCount: 4,
    });
  });

  it('rounds off to the jiao or the yuan and allocates it like a discount', () => {
    const lines = [line({ unitPriceFen: 1234 }), line({ weightG: 250, unitPriceFen: 1990 })]; // 1234 + 498
    expect(priced(lines, null, 'none').totals.totalFen).toBe(1732);
    const jiao = priced(lines, null, 'jiao');
    expect(jiao.totals.roundingFen).toBe(2);
    expect(jiao.totals.totalFen).toBe(1730);
    const yuan = priced(lines, null, 'yuan');
    expect(yuan.totals.roundingFen).toBe(32);
    expect(yuan.totals.totalFen).toBe(1700);
    expect(yuan.lines.reduce((s, l) => s + l.orderDiscountFen, 0)).toBe(32);
    // never rounds a total away to nothing
    expect(priced([line({ unitPriceFen: 99 })], null, 'yuan').totals.totalFen).toBe(99);
  });

  it('refuses a discount larger than what it applies to', () => {
    expect(priceOrder([line({ discount: { kind: 'amount', value: 101 } })], null, 'none')).toEqual({
      ok: false,
      problem: { kind: 'line-discount-exceeds', index: 0, baseFen: 100 },
    });
    expect(priceOrder([line({})], { kind: 'amount', value: 101 }, 'none')).toEqual({
      ok: false,
      problem: { kind: 'order-discount-exceeds', baseFen: 100 },
    });
  });

  it('allocates by largest remainder, ties to the earlier line', () => {
    expect(allocateLargestRemainder(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(allocateLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocateLargestRemainder(10, [0, 5, 5])).toEqual([0, 5, 5]);
    expect(allocateLargestRemainder(0, [3, 4])).toEqual([0, 0]);
    expect(() => allocateLargestRemainder(11, [5, 5])).toThrow(RangeError);
  });
});

// Property-style: random baskets, discounts and rounding (fast-check shrinks a failure to its smallest basket).
const arbDiscount: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 5_000 }) }),
);
const arbLine: fc.Arbitrary<LineInput> = fc
  .record({
    quantity: fc.integer({ min: 1, max: 99 }),
    weighed: fc.boolean(),
    weightG: fc.integer({ min: 1, max: 30_000 }),
    unitPriceFen: fc.integer({ min: 1, max: 500_000 }),
    label: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
    discount: arbDiscount,
  })
  .map((r) => ({
    quantity: r.weighed ? 1 : r.quantity,
    weightG: r.weighed ? r.weightG : null,
    unitPriceFen: r.unitPriceFen,
    fixedAmountFen: r.weighed ? r.label : null,
    discount: r.discount,
  }));

describe('order pricing properties', () => {
  it('no fen is lost or made: nets sum to the total, total = gross − discounts, no line below 0', () => {
    fc.assert(
      fc.property(
        fc.array(arbLine, { minLength: 1, maxLength: 30 }),
        arbDiscount,
        fc.constantFrom<RoundingOff>('none', 'jiao', 'yuan'),
        (lines, orderDiscount, rounding) => {
          const r = priceOrder(lines, orderDiscount, rounding);
          if (!r.ok) return; // a discount larger than its base is refused, not priced
          const { lines: out, totals } = r.order;
          const sum = (f: (l: (typeof out)[number]) => number) => out.reduce((s, l) => s + f(l), 0);
          expect(sum((l) => l.netFen)).toBe(totals.totalFen);
          expect(totals.totalFen).toBe(totals.grossFen - totals.discountFen);
          expect(sum((l) => l.orderDiscountFen)).toBe(totals.orderDiscountFen + totals.roundingFen);
          for (const l of out) {
            expect(Number.isSafeInteger(l.netFen)).toBe(true);
            expect(l.netFen).toBeGreaterThanOrEqual(0);
            expect(l.netFen).toBe(l.grossFen - l.lineDiscountFen - l.orderDiscountFen);
          }
          if (rounding !== 'none' && totals.totalFen >= (rounding === 'jiao' ? 10 : 100))
            expect(totals.totalFen % (rounding === 'jiao' ? 10 : 100)).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('each share is within one fen of its exact proportion', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (weights, want) => {
          const sum = weights.reduce((s, w) => s + w, 0);
          const total = Math.min(want, sum);
          const shares = allocateLargestRemainder(total, weights);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(sum === 0 ? 0 : total);
          shares.forEach((share, i) => {
            const w = weights[i] ?? 0;
            expect(share).toBeLessThanOrEqual(w);
            if (sum > 0) expect(Math.abs(share * sum - total * w)).toBeLessThan(sum);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
