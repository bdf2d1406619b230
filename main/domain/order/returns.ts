/**
 * Returns by line (按商品退货, PRODUCT.md §12): what a returned quantity of a
 * line gives back, and how a refund goes back to the order's payments. Pure:
 * no I/O, no clock. The line's net (after its own discount and its share of
 * the order discount and rounding-off) comes from pricing.ts; nothing here
 * recomputes it.
 */

/** What is known of one line of the original order and its earlier returns. */
export interface ReturnableLine {
  /** Items on the line (1 for a weighed line, which goes back whole). */
  quantity: number;
  netFen: number;
  returnedQty: number;
  returnedFen: number;
}

/**
 * What the first `q` items of a line are worth: the line's net spread evenly,
 * rounded down. Cumulative, so returns in any split telescope: returning all
 * items of a line, in any number of returns, gives back exactly its net.
 */
export function cumulativeNet(line: Pick<ReturnableLine, 'quantity' | 'netFen'>, q: number) {
  if (q >= line.quantity) return line.netFen;
  return Math.floor((line.netFen * q) / line.quantity);
}

export type ReturnLineProblem =
  { kind: 'bad-quantity' } | { kind: 'exceeds'; leftQty: number; leftFen: number };

/**
 * What returning `qty` more items of a line gives back, or why it can't:
 * never more items than are left, and never more money than is left of the
 * line's net after earlier returns.
 */
export function returnLineAmount(
  line: ReturnableLine,
  qty: number,
): { ok: true; amountFen: number } | { ok: false; problem: ReturnLineProblem } {
  if (!Number.isSafeInteger(qty) || qty < 1)
    return { ok: false, problem: { kind: 'bad-quantity' } };
  const leftQty = line.quantity - line.returnedQty;
  const leftFen = Math.max(0, line.netFen - line.returnedFen);
  if (qty > leftQty) return { ok: false, problem: { kind: 'exceeds', leftQty, leftFen } };
  const amount = cumulativeNet(line, line.returnedQty + qty) - line.returnedFen;
  return { ok: true, amountFen: Math.min(leftFen, Math.max(0, amount)) };
}

export type Tender = 'card' | 'qr' | 'cash';

/**
 * The fixed order a refund goes back in (README "Returns by line"): card
 * payments first, then QR, then cash; within a tender, the earlier payment
 * first. Cash is last because it is the only tender that can always take any
 * amount at the counter.
 */
export const REFUND_ORDER: readonly Tender[] = ['card', 'qr', 'cash'];

/** An approved payment of the original order and what is left of it. */
export interface RefundablePayment {
  txId: number;
  tender: Tender;
  /** What the payment took (a cash payment: the amount, not what was tendered). */
  amountFen: number;
  /** What earlier refunds left of it. */
  leftFen: number;
  /** Its batch is settled: a card payment can then only be refunded (退货), not voided. */
  settled: boolean;
}

/**
 * One step of a refund: void = 消费撤销 of a whole card payment before
 * settlement; refund = 退货 (card after settlement, or QR); cash = cash out.
 */
export interface RefundStep {
  txId: number;
  tender: Tender;
  kind: 'void' | 'refund' | 'cash';
  amountFen: number;
}

export type RefundPlanProblem =
  | { kind: 'exceeds-payments'; leftFen: number }
  | { kind: 'card-partial-before-settlement'; txId: number; amountFen: number; takeFen: number };

/**
 * Splits a refund over the payments in REFUND_ORDER, each taking as much as is
 * left of it. A card payment of an open batch can only be voided whole (a
 * void is the full amount, PRODUCT.md §4): a part of it is refused, naming
 * the payment, until the batch is settled and a 退货 can take a part.
 */
export function planRefund(
  totalFen: number,
  payments: readonly RefundablePayment[],
): { ok: true; steps: RefundStep[] } | { ok: false; problem: RefundPlanProblem } {
  const ordered = [...payments].sort(
    (a, b) => REFUND_ORDER.indexOf(a.tender) - REFUND_ORDER.indexOf(b.tender) || a.txId - b.txId,
  );
  const leftFen = ordered.reduce((s, p) => s + Math.max(0, p.leftFen), 0);
  if (totalFen > leftFen) return { ok: false, problem: { kind: 'exceeds-payments', leftFen } };
  const steps: RefundStep[] = [];
  let due = totalFen;
  for (const p of ordered) {
    if (due === 0) break;
    const take = Math.min(due, Math.max(0, p.leftFen));
    if (take === 0) continue;
    if (p.tender === 'card' && !p.settled) {
      if (take !== p.amountFen || p.leftFen !== p.amountFen)
        return {
          ok: false,
          problem: {
            kind: 'card-partial-before-settlement',
            txId: p.txId,
            amountFen: p.amountFen,
            takeFen: take,
          },
        };
      steps.push({ txId: p.txId, tender: 'card', kind: 'void', amountFen: take });
    } else {
      const kind = p.tender === 'cash' ? 'cash' : 'refund';
      steps.push({ txId: p.txId, tender: p.tender, kind, amountFen: take });
    }
    due -= take;
  }
  return { ok: true, steps };
}
