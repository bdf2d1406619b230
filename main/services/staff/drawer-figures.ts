import type { BatchTotals, DrawerFigures } from '../../../preload/contract';

type TenderTotals = BatchTotals['cash'];
import type { Repositories } from '../../db';
import { shiftDrawer, spanDrawer, type DrawerSums } from '../../domain/cash-drawer';
import { shiftTotals } from '../../domain/shift';

/**
 * The drawer's figures as the shift (交班), X and Z reports and the blind count
 * read them: cash sales and refunds from the same sums the shift and
 * settlement use (nothing recounted its own way), the movements from
 * cash_movements, the counts from cash_counts.
 */

export interface ShiftRef {
  id: number;
  operatorNo: string;
  startedAt: number;
}

/** What the drawer should hold for a shift, up to `to`. */
export function shiftSums(repos: Repositories, shift: ShiftRef, to: number): DrawerSums {
  const { tenders } = shiftTotals(repos.shifts.totals(shift.operatorNo, shift.startedAt, to));
  const cash = tenders.find((t) => t.tender === 'cash');
  const m = repos.cashDrawer.shiftSums(shift.id);
  return {
    floatFen: m.floatFen,
    cashSalesFen: cash?.salesFen ?? 0,
    cashRefundsFen: (cash?.voidsFen ?? 0) + (cash?.refundsFen ?? 0),
    paidInFen: m.paidInFen,
    paidOutFen: m.paidOutFen,
  };
}

/**
 * A shift's figures: frozen at its count once counted; before that live, with
 * the expected amount withheld when `blind` (the cashier's own uncounted shift).
 */
export function shiftFigures(
  repos: Repositories,
  shift: ShiftRef,
  to: number,
  blind: boolean,
): DrawerFigures {
  const count = repos.cashDrawer.count(shift.id);
  if (count) return JSON.parse(count.figures) as DrawerFigures;
  const live = shiftDrawer(shiftSums(repos, shift, to), null);
  return blind ? { ...live, expectedFen: null } : live;
}

function spanSums(
  cash: TenderTotals,
  m: { floatFen: number; paidInFen: number; paidOutFen: number },
): DrawerSums {
  return {
    floatFen: m.floatFen,
    cashSalesFen: cash.debitFen,
    cashRefundsFen: cash.creditFen,
    paidInFen: m.paidInFen,
    paidOutFen: m.paidOutFen,
  };
}

/** X: movements and counts in [from, to), cash from the report's own totals. */
export function dayFigures(
  repos: Repositories,
  from: number,
  to: number,
  cash: TenderTotals,
): DrawerFigures {
  return spanDrawer(
    spanSums(cash, repos.cashDrawer.timeSums(from, to)),
    repos.cashDrawer.countTimeSums(from, to),
  );
}

/** Z: the batch's movements and counts, cash from the settled totals. */
export function batchFigures(
  repos: Repositories,
  batchNo: string,
  cash: TenderTotals,
): DrawerFigures {
  return spanDrawer(
    spanSums(cash, repos.cashDrawer.batchSums(batchNo)),
    repos.cashDrawer.countBatchSums(batchNo),
  );
}
