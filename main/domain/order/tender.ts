/**
 * Split tender (组合支付, PRODUCT.md §12): an order is paid by several payments
 * in any mix. Pure rules, no I/O: what is left, which tender may take the next
 * payment and for how much, and how a payment is undone when a partly paid
 * order is abandoned.
 */
export type Tender = 'card' | 'qr' | 'cash';

/** A payment as these rules see it: its tender, amount and state. */
export interface PaymentLike {
  tender: Tender;
  amountFen: number;
  state: string;
}

/** Approved payments count; declined, reversed, voided or undecided ones do not. */
export function paidFen(payments: readonly PaymentLike[]): number {
  return payments.filter((p) => p.state === 'approved').reduce((s, p) => s + p.amountFen, 0);
}

/** What is still due: never below zero (cash may have covered more and given change). */
export function remainderFen(totalFen: number, payments: readonly PaymentLike[]): number {
  return Math.max(0, totalFen - paidFen(payments));
}

export type TenderRefusal =
  | { ok: false; reason: 'nothingDue' }
  | { ok: false; reason: 'amount'; maxFen: number }
  | { ok: false; reason: 'tenderedTooLow'; dueFen: number };

/**
 * Whether a payment of `amountFen` (for cash: the money handed over) may be
 * taken now. Card and QR take 1 fen up to what is left — never more, so the
 * order is never overpaid by a bank or wallet. Cash only as the last payment:
 * what is handed over must cover everything left, and the difference is the
 * change.
 */
export function checkTender(
  tender: Tender,
  amountFen: number,
  dueFen: number,
): { ok: true; payFen: number; changeFen: number } | TenderRefusal {
  if (dueFen < 1) return { ok: false, reason: 'nothingDue' };
  if (!Number.isSafeInteger(amountFen) || amountFen < 1)
    return tender === 'cash'
      ? { ok: false, reason: 'tenderedTooLow', dueFen }
      : { ok: false, reason: 'amount', maxFen: dueFen };
  if (tender === 'cash') {
    if (amountFen < dueFen) return { ok: false, reason: 'tenderedTooLow', dueFen };
    return { ok: true, payFen: dueFen, changeFen: amountFen - dueFen };
  }
  if (amountFen > dueFen) return { ok: false, reason: 'amount', maxFen: dueFen };
  return { ok: true, payFen: amountFen, changeFen: 0 };
}

/** The amount the next card or QR payment starts from: what is left. */
export const defaultPaymentFen = (dueFen: number): number => Math.max(0, dueFen);

export type UndoAction = 'card-void' | 'card-refund' | 'qr-refund' | 'cash-void' | 'cash-refund';

/**
 * How an approved payment of an abandoned order is undone (PRODUCT.md §4, §12):
 * a card payment is voided (消费撤销) while its batch is open and refunded
 * (退货, the card read again) once the batch is settled; a QR payment can only
 * be refunded to the wallet; cash goes back over the counter — a void in the
 * open batch, a refund after settlement, the drawer opening either way.
 */
export function undoAction(tender: Tender, batchSettled: boolean): UndoAction {
  if (tender === 'qr') return 'qr-refund';
  if (tender === 'card') return batchSettled ? 'card-refund' : 'card-void';
  return batchSettled ? 'cash-refund' : 'cash-void';
}

/**
 * The order in which an abandoned order's payments are undone: cash last, so
 * the money is handed back over the counter only once every bank and wallet
 * payment is known to be returned; otherwise newest first.
 */
export function undoOrder<T extends PaymentLike & { id: number }>(payments: readonly T[]): T[] {
  const rank = (p: T) => (p.tender === 'cash' ? 1 : 0);
  return payments
    .filter((p) => p.state === 'approved')
    .slice()
    .sort((a, b) => rank(a) - rank(b) || b.id - a.id);
}
