import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  priceOrder,
  type Discount,
  type LineInput,
} from '../../../../../main/domain/order/pricing';
import {
  planRefund,
  returnLineAmount,
  type RefundablePayment,
  type ReturnableLine,
} from '../../../../../main/domain/order/returns';

const lineArb: fc.Arbitrary<LineInput> = fc.record({
  quantity: fc.integer({ min: 1, max: 12 }),
  weightG: fc.constant(null),
  unitPriceFen: fc.integer({ min: 1, max: 50_000 }),
  fixedAmountFen: fc.constant(null),
  discount: fc.option(
    fc.oneof(
      fc.record({
        kind: fc.constant('percent' as const),
        value: fc.integer({ min: 0, max: 10_000 }),
      }),
      fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 100 }) }),
    ),
    { nil: null },
  ),
});
const orderDiscountArb: fc.Arbitrary<Discount | null> = fc.option(
  fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 9_000 }) }),
  { nil: null },
);

/** Splits `n` items into parts of at least 1, as returns in several visits would. */
const splitOf = (n: number) =>
  fc.array(fc.integer({ min: 1, max: n }), { maxLength: n }).map((cuts) => {
    const parts: number[] = [];
    let left = n;
    for (const c of cuts) {
      if (left === 0) break;
      const take = Math.min(c, left);
      parts.push(take);
      left -= take;
    }
    if (left > 0) parts.push(left);
    return parts;
  });

describe('returns by line (按商品退货)', () => {
  it('returning every line of an order, in any split of its quantities, sums exactly to what was paid', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        orderDiscountArb,
        fc.constantFrom('none' as const, 'jiao' as const, 'yuan' as const),
        fc.infiniteStream(fc.nat()),
        (lines, discount, rounding, seeds) => {
          const r = priceOrder(lines, discount, rounding);
          fc.pre(r.ok);
          if (!r.ok) return;
          let refunded = 0;
          r.order.lines.forEach((priced, i) => {
            const quantity = lines[i]!.quantity;
            const state: ReturnableLine = {
              quantity,
              netFen: priced.netFen,
              returnedQty: 0,
              returnedFen: 0,
            };
            const parts = fc.sample(splitOf(quantity), {
              numRuns: 1,
              seed: seeds.next().value,
            })[0]!;
            for (const qty of parts) {
              const a = returnLineAmount(state, qty);
              if (!a.ok) throw new Error(JSON.stringify(a.problem));
              expect(a.amountFen).toBeGreaterThanOrEqual(0);
              state.returnedQty += qty;
              state.returnedFen += a.amountFen;
              expect(state.returnedFen).toBeLessThanOrEqual(priced.netFen);
            }
            expect(state.returnedFen).toBe(priced.netFen);
            refunded += state.returnedFen;
          });
          expect(refunded).toBe(r.order.totals.totalFen);
        },
      ),
    );
  });

  it('never returns more than is left of a line, in items or money', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.nat(),
        fc.integer({ min: 1, max: 60 }),
        (quantity, netFen, before, qty) => {
          const returnedQty = before % (quantity + 1);
          const line = {
            quantity,
            netFen,
            returnedQty,
            returnedFen: Math.floor((netFen * returnedQty) / quantity),
          };
          const a = returnLineAmount(line, qty);
          if (qty > quantity - returnedQty) {
            expect(a).toEqual({
              ok: false,
              problem: {
                kind: 'exceeds',
                leftQty: quantity - returnedQty,
                leftFen: netFen - line.returnedFen,
              },
            });
          } else {
            expect(a.ok).toBe(true);
            if (a.ok) expect(a.amountFen).toBeLessThanOrEqual(netFen - line.returnedFen);
          }
        },
      ),
    );
    expect(
      returnLineAmount({ quantity: 3, netFen: 900, returnedQty: 0, returnedFen: 0 }, 0),
    ).toEqual({
      ok: false,
      problem: { kind: 'bad-quantity' },
    });
  });

  it('one item of three at ¥10.00 net gives ¥3.33, the next ¥3.33, the last ¥3.34', () => {
    const line = { quantity: 3, netFen: 1000, returnedQty: 0, returnedFen: 0 };
    const amounts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = returnLineAmount(line, 1);
      if (!a.ok) throw new Error('refused');
      amounts.push(a.amountFen);
      line.returnedQty += 1;
      line.returnedFen += a.amountFen;
    }
    expect(amounts).toEqual([333, 333, 334]);
  });
});

describe('where a refund goes back (card → QR → cash)', () => {
  const pay = (over: Partial<RefundablePayment> & Pick<RefundablePayment, 'txId' | 'tender'>) => ({
    amountFen: 5000,
    leftFen: 5000,
    settled: true,
    ...over,
  });

  it('takes card first, then QR, then cash, each up to what is left of it', () => {
    const r = planRefund(9000, [
      pay({ txId: 3, tender: 'cash' }),
      pay({ txId: 2, tender: 'qr', leftFen: 2000 }),
      pay({ txId: 1, tender: 'card', leftFen: 3000 }),
    ]);
    expect(r).toEqual({
      ok: true,
      steps: [
        { txId: 1, tender: 'card', kind: 'refund', amountFen: 3000 },
        { txId: 2, tender: 'qr', kind: 'refund', amountFen: 2000 },
        { txId: 3, tender: 'cash', kind: 'cash', amountFen: 4000 },
      ],
    });
  });

  it('voids a whole card payment before settlement and refuses a part of it', () => {
    const whole = planRefund(7000, [
      pay({ txId: 1, tender: 'card', settled: false }),
      pay({ txId: 2, tender: 'cash' }),
    ]);
    expect(whole.ok && whole.steps.map((s) => [s.kind, s.amountFen])).toEqual([
      ['void', 5000],
      ['cash', 2000],
    ]);
    expect(planRefund(3000, [pay({ txId: 1, tender: 'card', settled: false })])).toEqual({
      ok: false,
      problem: { kind: 'card-partial-before-settlement', txId: 1, amountFen: 5000, takeFen: 3000 },
    });
  });

  it('refuses more than the payments have left, and any plan sums to the refund', () => {
    expect(planRefund(5001, [pay({ txId: 1, tender: 'qr' })])).toEqual({
      ok: false,
      problem: { kind: 'exceeds-payments', leftFen: 5000 },
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tender: fc.constantFrom('card' as const, 'qr' as const, 'cash' as const),
            leftFen: fc.integer({ min: 0, max: 10_000 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.nat(),
        (ps, seed) => {
          const payments = ps.map((p, i) => pay({ txId: i + 1, ...p, amountFen: 10_000 }));
          const left = payments.reduce((s, p) => s + p.leftFen, 0);
          const total = left === 0 ? 0 : seed % (left + 1);
          const r = planRefund(total, payments);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.steps.reduce((s, x) => s + x.amountFen, 0)).toBe(total);
          for (const s of r.steps)
            expect(s.amountFen).toBeLessThanOrEqual(
              payments.find((p) => p.txId === s.txId)!.leftFen,
            );
        },
      ),
    );
  });
});
