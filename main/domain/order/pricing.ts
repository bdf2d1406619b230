/**
 * The money of an order (PRODUCT.md §12), derived once and only here: each
 * line's gross, its own discount, its share of the order discount and of the
 * rounding-off (抹零), and its net — all integer fen. Receipts, reports,
 * refunds by line and settlement read these numbers; nothing recomputes them
 * its own way. Pure: no I/O, no clock.
 */

/** Percent in basis points (10 % = 1000), or an amount in fen. */
export type Discount = { kind: 'percent'; value: number } | { kind: 'amount'; value: number };

/** 抹零: drop the fen (to the jiao) or the jiao and fen (to the yuan) of the total. */
export type RoundingOff = 'none' | 'jiao' | 'yuan';

export const BASIS_POINTS = 10_000;
export const GRAMS_PER_KG = 1_000;

export interface LineInput {
  /** Items counted (≥ 1); 1 for a weighed line. */
  quantity: number;
  /** A weighed line's weight in grams; its unit price is per kg. */
  weightG: number | null;
  unitPriceFen: number;
  /** The amount a scale printed on its label (条码秤), which is what the customer pays. */
  fixedAmountFen: number | null;
  discount: Discount | null;
}

export interface PricedLine {
  grossFen: number;
  /** The line's own discount. */
  lineDiscountFen: number;
  /** The line's share of the order discount and of the rounding-off. */
  orderDiscountFen: number;
  netFen: number;
}

export interface OrderTotals {
  grossFen: number;
  lineDiscountFen: number;
  /** The order discount itself (before rounding-off). */
  orderDiscountFen: number;
  roundingFen: number;
  /** Every discount together: line + order + rounding-off. */
  discountFen: number;
  totalFen: number;
  /** Counted items plus one per weighed line (件数). */
  itemCount: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  totals: OrderTotals;
}

export type PricingProblem =
  | { kind: 'line-discount-exceeds'; index: number; baseFen: number }
  | { kind: 'order-discount-exceeds'; baseFen: number };

/** a / b rounded half up, for non-negative integers (no floating point). */
export function divRoundHalfUp(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0)
    throw new RangeError(`divRoundHalfUp needs non-negative integers: ${a} / ${b}`);
  return Math.floor((2 * a + b) / (2 * b));
}

/** What the line costs before any discount. */
export function lineGross(line: LineInput): number {
  if (line.fixedAmountFen !== null) return line.fixedAmountFen;
  if (line.weightG !== null) return divRoundHalfUp(line.unitPriceFen * line.weightG, GRAMS_PER_KG);
  return line.unitPriceFen * line.quantity;
}

/** A discount's amount on a base; may exceed the base (the caller refuses that). */
export function discountAmount(baseFen: number, discount: Discount | null): number {
  if (!discount) return 0;
  return discount.kind === 'amount'
    ? discount.value
    : divRoundHalfUp(baseFen * discount.value, BASIS_POINTS);
}

/**
 * Splits `total` fen over `weights` in proportion, by largest remainder: each
 * share is the floor of its exact part, and the fen left over go one each to
 * the largest fractional parts (ties to the earlier line). The shares sum to
 * `total` exactly, and no share exceeds its weight when total ≤ Σ weights.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  if (total < 0 || total > sum)
    throw new RangeError(`cannot allocate ${total} over weights summing to ${sum}`);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - shares.reduce((s, x) => s + x, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

function roundingOff(totalFen: number, mode: RoundingOff): number {
  if (mode === 'none') return 0;
  const unit = mode === 'jiao' ? 10 : 100;
  const off = totalFen % unit;
  // Never round a total away to nothing.
  return totalFen - off >= 1 ? off : 0;
}

/**
 * Prices an order: gross per line, the line's own discount, then the order
 * discount on what the lines come to, then the rounding-off; the order
 * discount and the rounding-off are allocated to the lines by largest
 * remainder in proportion to each line's amount after its own discount.
 */
export function priceOrder(
  lines: readonly LineInput[],
  orderDiscount: Discount | null,
  rounding: RoundingOff,
): { ok: true; order: PricedOrder } | { ok: false; problem: PricingProblem } {
  const gross = lines.map(lineGross);
  const own: number[] = [];
  for (const [index, line] of lines.entries()) {
    const base = gross[index] ?? 0;
    const d = discountAmount(base, line.discount);
    if (d > base)
      return { ok: false, problem: { kind: 'line-discount-exceeds', index, baseFen: base } };
    own.push(d);
  }
  const afterLine = gross.map((g, i) => g - (own[i] ?? 0));
  const base = afterLine.reduce((s, x) => s + x, 0);
  const orderDiscountFen = discountAmount(base, orderDiscount);
  if (orderDiscountFen > base)
    return { ok: false, problem: { kind: 'order-discount-exceeds', baseFen: base } };
  const roundingFen = roundingOff(base - orderDiscountFen, rounding);
  const shares = allocateLargestRemainder(orderDiscountFen + roundingFen, afterLine);
  const priced = lines.map((_, i) => {
    const orderShare = shares[i] ?? 0;
    return {
      grossFen: gross[i] ?? 0,
      lineDiscountFen: own[i] ?? 0,
      orderDiscountFen: orderShare,
      netFen: (afterLine[i] ?? 0) - orderShare,
    };
  });
  const sum = (pick: (l: PricedLine) => number) => priced.reduce((s, l) => s + pick(l), 0);
  const lineDiscountFen = sum((l) => l.lineDiscountFen);
  return {
    ok: true,
    order: {
      lines: priced,
      totals: {
        grossFen: sum((l) => l.grossFen),
        lineDiscountFen,
        orderDiscountFen,
        roundingFen,
        discountFen: lineDiscountFen + orderDiscountFen + roundingFen,
        totalFen: sum((l) => l.netFen),
        itemCount: lines.reduce((s, l) => s + (l.weightG !== null ? 1 : l.quantity), 0),
      },
    },
  };
}
