import type { Db } from '../connection';
import type { TransactionState } from '../../../preload/contract';
import type { Tender, TransactionType } from './transactions';

/**
 * One transaction as the CSV export writes it. Only what may leave the
 * terminal: the card number as stored masked (first 6 / last 4), never the
 * sealed card data, the PIN or a QR payment code.
 */
export interface ExportRow {
  id: number;
  createdAt: number;
  batchNo: string;
  traceNo: string;
  type: TransactionType;
  tender: Tender;
  state: TransactionState;
  amountFen: number;
  operatorNo: string;
  panMasked: string | null;
  rrn: string | null;
  authCode: string | null;
  wallet: 'wechat' | 'alipay' | 'unionpay' | null;
  orderNo: string | null;
  originalBatchNo: string | null;
  originalTraceNo: string | null;
  /** Item lines as `name ×quantity`, joined by '; ' in line order; '' when none. */
  items: string;
  training: boolean;
}

interface Row {
  id: number;
  created_at: number;
  batch_no: string;
  trace_no: string;
  type: TransactionType;
  tender: Tender;
  state: TransactionState;
  amount_fen: number;
  operator_no: string;
  pan_masked: string | null;
  rrn: string | null;
  auth_code: string | null;
  wallet: ExportRow['wallet'];
  order_no: string | null;
  original_batch_no: string | null;
  original_trace_no: string | null;
  items: string | null;
  training: number;
}

/** Keyset position: the last row written (time, then id). */
export interface ExportCursor {
  createdAt: number;
  id: number;
}

/** Reads for exports: pages in (created_at, id) order, so any range streams in constant memory. */
export function createExportsRepo(db: Db) {
  const page = db.prepare<
    { from: number; to: number; afterAt: number; afterId: number; limit: number },
    Row
  >(
    `SELECT t.id, t.created_at, t.batch_no, t.trace_no, t.type, t.tender, t.state, t.amount_fen,
       t.operator_no, t.pan_masked, t.rrn, t.auth_code, q.wallet, q.order_no,
       o.batch_no AS original_batch_no, o.trace_no AS original_trace_no,
       (SELECT group_concat(i.name || ' ×' || i.quantity, '; ' ORDER BY i.line_no)
          FROM transaction_items i WHERE i.tx_id = t.id) AS items,
       t.training
     FROM transactions t
       LEFT JOIN qr_payments q ON q.tx_id = t.id
       LEFT JOIN transactions o ON o.id = t.original_tx_id
     WHERE t.created_at >= @from AND t.created_at < @to
       AND (t.created_at > @afterAt OR (t.created_at = @afterAt AND t.id > @afterId))
     ORDER BY t.created_at, t.id
     LIMIT @limit`,
  );
  const count = db.prepare<{ from: number; to: number }, { n: number }>(
    'SELECT count(*) AS n FROM transactions WHERE created_at >= @from AND created_at < @to',
  );

  return {
    /** Up to `limit` transactions with from ≤ created_at < to, after `cursor`. */
    transactionsPage(
      range: { from: number; to: number },
      cursor: ExportCursor | null,
      limit: number,
    ): ExportRow[] {
      return page
        .all({
          from: range.from,
          to: range.to,
          afterAt: cursor?.createdAt ?? Number.MIN_SAFE_INTEGER,
          afterId: cursor?.id ?? 0,
          limit,
        })
        .map((r) => ({
          id: r.id,
          createdAt: r.created_at,
          batchNo: r.batch_no,
          traceNo: r.trace_no,
          type: r.type,
          tender: r.tender,
          state: r.state,
          amountFen: r.amount_fen,
          operatorNo: r.operator_no,
          panMasked: r.pan_masked,
          rrn: r.rrn,
          authCode: r.auth_code,
          wallet: r.wallet,
          orderNo: r.order_no,
          originalBatchNo: r.original_batch_no,
          originalTraceNo: r.original_trace_no,
          items: r.items ?? '',
          training: r.training === 1,
        }));
    },
    countTransactions(range: { from: number; to: number }): number {
      return count.get(range)?.n ?? 0;
    },
  };
}
export type ExportsRepo = ReturnType<typeof createExportsRepo>;
