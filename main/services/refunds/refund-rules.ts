import type { Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';

/**
 * What card and cash refunds share (PRODUCT.md §4): they follow an approved
 * sale of a settled batch (before settlement the sale is voided instead), and
 * take at most what earlier refunds left of it.
 */
export function leftAfterSettlement(repos: Repositories, tx: TransactionRecord): number {
  if (tx.state !== 'approved') return 0;
  if (repos.counters.batchState(tx.batchNo) !== 'settled') return 0;
  return Math.max(0, tx.amountFen - repos.transactions.refundedFen(tx.id));
}

/**
 * Call inside the refund's SQLite transaction, once it is approved: an
 * original refunded to the last fen becomes 'refunded' (one still approved;
 * the transition does nothing otherwise).
 */
export function markRefundedWhenFull(
  repos: Repositories,
  original: Pick<TransactionRecord, 'id' | 'amountFen'>,
  at: number,
  by: string | null,
  note: string,
): void {
  if (repos.transactions.refundedFen(original.id) >= original.amountFen)
    repos.transactions.transition(original.id, 'approved', 'refunded', at, by, note);
}

/** Refuses an original a refund can't follow yet, naming why. */
export function requireRefundable(repos: Repositories, original: TransactionRecord): void {
  if (repos.counters.batchState(original.batchNo) !== 'settled')
    fail('REFUND_NOT_ALLOWED', { reason: 'not-settled' });
  if (original.state !== 'approved') fail('REFUND_NOT_ALLOWED', { reason: original.state });
}
