import type { Db } from '../connection';
import type { SettlementRow } from '../../domain/settlement';

/**
 * Money that moved, exactly as settlement and 交班 count it: sales and
 * completions that were approved (also those later voided or refunded — the
 * void or refund is its own row), and approved voids and refunds.
 */
const DEBIT = `(type IN ('sale', 'preauth_complete') AND state IN ('approved', 'voided', 'refunded'))`;
const CREDIT = `(type IN ('void', 'refund') AND state = 'approved')`;
const SUMS = `sum(CASE WHEN ${DEBIT} THEN 1 ELSE 0 END) AS debitCount,
  coalesce(sum(CASE WHEN ${DEBIT} THEN amount_fen ELSE 0 END), 0) AS debitFen,
  sum(CASE WHEN ${CREDIT} THEN 1 ELSE 0 END) AS creditCount,
  coalesce(sum(CASE WHEN ${CREDIT} THEN amount_fen ELSE 0 END), 0) AS creditFen`;

export interface SumsRow {
  debitCount: number;
  debitFen: number;
  creditCount: number;
  creditFen: number;
}

const HOUR = 3_600_000;

/**
 * Reads for reports and charts (issue 9). Sums over whole hours come from
 * sales_hourly (kept by triggers, migration 011); other ranges read the
 * covering index transactions_report.
 */
export function createReportsRepo(db: Db) {
  const rows = db.prepare<
    { from: number; to: number; operatorNo: string | null },
    {
      type: SettlementRow['type'];
      tender: SettlementRow['tender'];
      state: string;
      amount_fen: number;
      card_foreign: number | null;
      fee_rate_bp: number | null;
    }
  >(
    `SELECT type, tender, state, amount_fen, card_foreign,
       (SELECT fee_rate_bp FROM qr_payments WHERE qr_payments.tx_id = transactions.id) AS fee_rate_bp
     FROM transactions
     WHERE created_at >= @from AND created_at < @to
       AND (@operatorNo IS NULL OR operator_no = @operatorNo)
       AND (${DEBIT} OR ${CREDIT})`,
  );
  const byOperator = db.prepare<{ from: number; to: number }, SumsRow & { operatorNo: string }>(
    `SELECT operator_no AS operatorNo, ${SUMS} FROM transactions INDEXED BY transactions_report
     WHERE created_at >= @from AND created_at < @to AND (${DEBIT} OR ${CREDIT})
     GROUP BY operator_no ORDER BY operator_no`,
  );
  const byTender = db.prepare<{ from: number; to: number }, SumsRow & { tender: string }>(
    `SELECT tender, ${SUMS} FROM transactions INDEXED BY transactions_report
     WHERE created_at >= @from AND created_at < @to AND (${DEBIT} OR ${CREDIT})
     GROUP BY tender ORDER BY tender`,
  );
  const buckets = db.prepare<
    { from: number; to: number; size: number },
    SumsRow & { bucket: number }
  >(
    `SELECT CAST((created_at - @from) / @size AS INTEGER) AS bucket, ${SUMS} FROM transactions INDEXED BY transactions_report
     WHERE created_at >= @from AND created_at < @to AND (${DEBIT} OR ${CREDIT})
     GROUP BY bucket ORDER BY bucket`,
  );
  // Items of sales that stand (a voided or refunded sale's goods came back).
  const topItems = db.prepare<
    { from: number; to: number; operatorNo: string | null; limit: number },
    { name: string; quantity: number; amountFen: number }
  >(
    `SELECT i.name AS name, sum(i.quantity) AS quantity, sum(i.amount_fen) AS amountFen
     FROM transactions t JOIN transaction_items i ON i.tx_id = t.id
     WHERE t.created_at >= @from AND t.created_at < @to
       AND (@operatorNo IS NULL OR t.operator_no = @operatorNo)
       AND t.type IN ('sale', 'preauth_complete') AND t.state = 'approved'
     GROUP BY i.name ORDER BY amountFen DESC, name LIMIT @limit`,
  );
  // The same sums from sales_hourly (migration 011), for ranges on whole hours.
  const HOURLY_SUMS = `sum(debit_count) AS debitCount, sum(debit_fen) AS debitFen,
    sum(credit_count) AS creditCount, sum(credit_fen) AS creditFen`;
  // A group shows when some money moved in it, as with the transactions themselves.
  const SOME = 'HAVING sum(debit_count) + sum(credit_count) > 0';
  const hourlyBuckets = db.prepare<
    { from: number; to: number; size: number },
    SumsRow & { bucket: number }
  >(
    `SELECT CAST((hour - @from) / @size AS INTEGER) AS bucket, ${HOURLY_SUMS} FROM sales_hourly
     WHERE hour >= @from AND hour < @to GROUP BY bucket ${SOME} ORDER BY bucket`,
  );
  const hourlyByTender = db.prepare<{ from: number; to: number }, SumsRow & { tender: string }>(
    `SELECT tender, ${HOURLY_SUMS} FROM sales_hourly
     WHERE hour >= @from AND hour < @to GROUP BY tender ${SOME} ORDER BY tender`,
  );
  const hourlyByOperator = db.prepare<
    { from: number; to: number },
    SumsRow & { operatorNo: string }
  >(
    `SELECT operator_no AS operatorNo, ${HOURLY_SUMS} FROM sales_hourly
     WHERE hour >= @from AND hour < @to GROUP BY operator_no ${SOME} ORDER BY operator_no`,
  );
  /** Whole hours (where the local offset is whole hours): sales_hourly has the answer. */
  const onHours = (...ms: number[]) => ms.every((v) => v % HOUR === 0);
  const batchByOperator = db.prepare<[string], SumsRow & { operatorNo: string }>(
    `SELECT operator_no AS operatorNo, ${SUMS} FROM transactions
     WHERE batch_no = ? AND (${DEBIT} OR ${CREDIT})
     GROUP BY operator_no ORDER BY operator_no`,
  );
  const lastShift = db.prepare<
    [string],
    { id: number; started_at: number; ended_at: number | null }
  >('SELECT id, started_at, ended_at FROM shifts WHERE operator_no = +? ORDER BY id DESC LIMIT 1');

  return {
    *rows(from: number, to: number, operatorNo: string | null = null): Generator<SettlementRow> {
      for (const r of rows.iterate({ from, to, operatorNo }))
        yield {
          type: r.type,
          tender: r.tender,
          state: r.state,
          amountFen: r.amount_fen,
          foreign: r.card_foreign === 1,
          feeRateBp: r.fee_rate_bp,
        };
    },
    byOperator(from: number, to: number) {
      return (onHours(from, to) ? hourlyByOperator : byOperator).all({ from, to });
    },
    byTender(from: number, to: number) {
      return (onHours(from, to) ? hourlyByTender : byTender).all({ from, to });
    },
    /** Sums per fixed-size bucket from `from` (bucket 0 starts at `from`). */
    buckets(from: number, to: number, size: number) {
      return (onHours(from, to, size) ? hourlyBuckets : buckets).all({ from, to, size });
    },
    batchByOperator(batchNo: string) {
      return batchByOperator.all(batchNo);
    },
    topItems(from: number, to: number, operatorNo: string | null, limit = 10) {
      return topItems.all({ from, to, operatorNo, limit });
    },
    /** An operator's latest shift (the open one if any: ids only grow). */
    lastShift(operatorNo: string) {
      const r = lastShift.get(operatorNo);
      return r ? { id: r.id, startedAt: r.started_at, endedAt: r.ended_at } : null;
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
