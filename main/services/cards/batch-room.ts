import type { Repositories } from '../../db';
import { fail } from '../../domain/errors';
import {
  BATCH_NEARLY_FULL_COUNT,
  HOST_TOTALS_MAX_COUNT,
  hostTotalsSide,
  type SettlementRow,
} from '../../domain/settlement';

/**
 * Refuses a card transaction that field 48 could no longer count (the
 * 1000th debit or credit of its side of the batch): with it the batch could
 * never settle. Checked before the card or PIN is asked for, where the side
 * is known, and again where the transaction is armed, under the write lock.
 */
export function assertBatchRoom(
  repos: Repositories,
  batchNo: string,
  type: SettlementRow['type'],
  foreign: boolean,
): void {
  const side = hostTotalsSide(type);
  if (!side) return;
  const count = repos.settlements.cardCounts(batchNo, foreign)[side];
  if (count >= HOST_TOTALS_MAX_COUNT) fail('BATCH_FULL', { count, max: HOST_TOTALS_MAX_COUNT });
}

/** The fullest count of the open batch (any side, debits or credits), for standby's warning. */
export function batchFill(repos: Repositories): {
  used: number;
  max: number;
  nearlyFull: boolean;
} | null {
  const batchNo = repos.counters.peekBatch();
  if (!batchNo) return null;
  const d = repos.settlements.cardCounts(batchNo, false);
  const f = repos.settlements.cardCounts(batchNo, true);
  const used = Math.max(d.debits, d.credits, f.debits, f.credits);
  return { used, max: HOST_TOTALS_MAX_COUNT, nearlyFull: used >= BATCH_NEARLY_FULL_COUNT };
}
