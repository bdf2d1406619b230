import type { Db } from '../connection';
import type { ReturnedLine, SoldLine } from '../../domain/sales-report';

const COLUMNS = `o.id AS orderId, o.operator_no AS operatorNo, o.order_discount_fen AS orderDiscountFen,
  o.discount_approved_by AS orderDiscountApprovedBy, o.rounding_fen AS roundingFen,
  l.kind, l.product_id AS productId, l.code, l.name, l.unit, l.category_id AS categoryId,
  l.category_name AS categoryName, l.quantity, l.weight_g AS weightG, l.gross_fen AS grossFen,
  l.line_discount_fen AS lineDiscountFen, l.order_discount_fen AS lineOrderDiscountFen,
  l.net_fen AS netFen, l.discount_approved_by AS lineDiscountApprovedBy,
  l.price_override_by AS priceOverrideBy`;

/**
 * The lines of the orders paid in a span (issue 14, reports): only paid
 * orders count. The orders come from a partial index on paid orders by paid
 * time (all operators, or one: migration 013) and their lines by order id,
 * so a report reads its span's lines and nothing older; the sums are folded
 * by domain/sales-report.ts, not by a GROUP BY that would sort in SQLite.
 */
export function createSalesReportRepo(db: Db) {
  const all = db.prepare<{ from: number; to: number }, SoldLine>(
    `SELECT ${COLUMNS} FROM orders o INDEXED BY orders_paid_at
     JOIN order_lines l ON l.order_id = o.id
     WHERE o.state = 'paid' AND o.paid_at >= @from AND o.paid_at < @to
     ORDER BY o.paid_at`,
  );
  const ofOperator = db.prepare<{ from: number; to: number; operatorNo: string }, SoldLine>(
    `SELECT ${COLUMNS} FROM orders o INDEXED BY orders_paid_operator
     JOIN order_lines l ON l.order_id = o.id
     WHERE o.state = 'paid' AND o.operator_no = +@operatorNo
       AND o.paid_at >= @from AND o.paid_at < @to
     ORDER BY o.paid_at`,
  );
  // Returns finished in the span (issue 15), by the partial index on finished returns (migration 016).
  const RETURNED = `SELECT coalesce(l.kind, 'open') AS kind, l.product_id AS productId, l.code,
       coalesce(l.name, rl.name) AS name, coalesce(l.unit, '') AS unit, l.category_id AS categoryId,
       l.category_name AS categoryName, rl.quantity, rl.amount_fen AS amountFen
     FROM returns r INDEXED BY returns_done
     JOIN return_lines rl ON rl.return_id = r.id
     LEFT JOIN order_lines l ON l.id = rl.order_line_id
     WHERE r.state = 'done' AND r.done_at >= @from AND r.done_at < @to`;
  const returnedAll = db.prepare<{ from: number; to: number }, ReturnedLine>(RETURNED);
  const returnedOfOperator = db.prepare<
    { from: number; to: number; operatorNo: string },
    ReturnedLine
  >(`${RETURNED} AND r.operator_no = +@operatorNo`);

  // Closed days' folds (migration 017), by the day's start.
  // The day's end too: after a change of time zone a kept day is not this one.
  const dayFold = db.prepare<[number, number, number], { fold: string }>(
    'SELECT fold FROM sales_day_folds WHERE day_from = ? AND day_to = ? AND fold_version = ?',
  );
  const keepDayFold = db.prepare(
    `INSERT INTO sales_day_folds (day_from, day_to, fold_version, fold, made_at)
     VALUES (@dayFrom, @dayTo, @version, @fold, @now)
     ON CONFLICT (day_from) DO UPDATE SET day_to = excluded.day_to,
       fold_version = excluded.fold_version, fold = excluded.fold, made_at = excluded.made_at`,
  );
  const forgetDaysBefore = db.prepare('DELETE FROM sales_day_folds WHERE day_from < ?');

  return {
    /** The kept fold (JSON) of the closed local day [dayFrom, dayTo), if one of this version is kept. */
    dayFold(dayFrom: number, dayTo: number, version: number): string | null {
      return dayFold.get(dayFrom, dayTo, version)?.fold ?? null;
    },
    /**
     * Keep closed days' folds, and forget those older than `keepFrom` (a
     * report reaches back a year at most), in one commit.
     */
    keepDayFolds: db.transaction(
      (
        days: readonly { dayFrom: number; dayTo: number; fold: string }[],
        version: number,
        keepFrom: number,
        now: number,
      ) => {
        for (const d of days) keepDayFold.run({ ...d, version, now });
        forgetDaysBefore.run(keepFrom);
      },
    ),
    /** What returns finished in [from, to) gave back, line by line (of one operator or all). */
    returned(from: number, to: number, operatorNo: string | null): IterableIterator<ReturnedLine> {
      return operatorNo === null
        ? returnedAll.iterate({ from, to })
        : returnedOfOperator.iterate({ from, to, operatorNo });
    },
    /** Lines of the orders paid in [from, to), of one operator or all, in time order. */
    lines(from: number, to: number, operatorNo: string | null): IterableIterator<SoldLine> {
      return operatorNo === null
        ? all.iterate({ from, to })
        : ofOperator.iterate({ from, to, operatorNo });
    },
  };
}
export type SalesReportRepo = ReturnType<typeof createSalesReportRepo>;
