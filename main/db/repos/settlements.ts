import type { Db } from '../connection';
import {
  COUNTED_IN_TOTALS_SQL,
  MAY_COUNT_STATES_SQL,
  type SettlementRow,
} from '../../domain/settlement';

export type SettlementStep = 'started' | 'balanced' | 'unbalanced' | 'uploaded' | 'closed';

export interface SettlementRecord {
  batchNo: string;
  step: SettlementStep;
  operatorNo: string;
  /** The totals as computed when the settlement started (JSON). */
  totals: unknown;
  hostCode: string | null;
  uploadedThroughTx: number;
  uploadedCount: number;
  reportJobId: number | null;
  startedAt: number;
  closedAt: number | null;
}

interface Row {
  batch_no: string;
  step: SettlementStep;
  operator_no: string;
  totals: string;
  host_code: string | null;
  uploaded_through_tx: number;
  uploaded_count: number;
  report_job_id: number | null;
  started_at: number;
  closed_at: number | null;
}

const fromRow = (r: Row): SettlementRecord => ({
  batchNo: r.batch_no,
  step: r.step,
  operatorNo: r.operator_no,
  totals: JSON.parse(r.totals) as unknown,
  hostCode: r.host_code,
  uploadedThroughTx: r.uploaded_through_tx,
  uploadedCount: r.uploaded_count,
  reportJobId: r.report_job_id,
  startedAt: r.started_at,
  closedAt: r.closed_at,
});

/** Card transactions an unbalanced batch uploads (those its totals count), after `afterId`, oldest first. */
export interface UploadCandidate {
  id: number;
  traceNo: string;
  amountFen: number;
  processingCode: string;
  messageTypeCode: string;
  authCode: string | null;
  cardSealed: Buffer | null;
}

/** Settlement steps, the batch's rows for totals, and closing the batch. */
export function createSettlementsRepo(db: Db) {
  const get = db.prepare<[string], Row>('SELECT * FROM settlements WHERE batch_no = ?');
  const unfinished = db.prepare<[], Row>(
    "SELECT * FROM settlements WHERE step <> 'closed' ORDER BY started_at LIMIT 1",
  );
  const last = db.prepare<[], Row>(
    "SELECT * FROM settlements WHERE step = 'closed' ORDER BY closed_at DESC LIMIT 1",
  );
  const insert = db.prepare(
    `INSERT INTO settlements (batch_no, step, operator_no, totals, started_at, updated_at)
     VALUES (?, 'started', ?, ?, ?, ?)`,
  );
  const setStep = db.prepare(
    'UPDATE settlements SET step = ?, host_code = coalesce(?, host_code), updated_at = ? WHERE batch_no = ?',
  );
  const setUploaded = db.prepare(
    `UPDATE settlements SET uploaded_through_tx = ?, uploaded_count = uploaded_count + 1, updated_at = ?
     WHERE batch_no = ?`,
  );
  const close = db.prepare(
    "UPDATE settlements SET step = 'closed', report_job_id = ?, closed_at = ?, updated_at = ? WHERE batch_no = ? AND step <> 'closed'",
  );
  const markBatch = db.prepare('UPDATE batches SET state = ?, settled_at = ? WHERE batch_no = ?');
  const batchRows = db.prepare<
    [string],
    {
      type: SettlementRow['type'];
      tender: SettlementRow['tender'];
      state: string;
      amount_fen: number;
      card_foreign: number | null;
      fee_rate_bp: number | null;
    }
  >(
    `SELECT type, tender, state, amount_fen, card_foreign, fee_rate_bp
     FROM transactions LEFT JOIN qr_payments ON qr_payments.tx_id = transactions.id
     WHERE batch_no = ?`,
  );
  const uploadable = db.prepare<
    [string, number],
    {
      id: number;
      trace_no: string;
      amount_fen: number;
      processing_code: string | null;
      message_type_code: string | null;
      auth_code: string | null;
      card_sealed: Buffer | null;
    }
  >(
    `SELECT id, trace_no, amount_fen, processing_code, message_type_code, auth_code, card_sealed
     FROM transactions
     WHERE batch_no = ? AND tender = 'card' AND ${COUNTED_IN_TOTALS_SQL} AND id > ?
     ORDER BY id LIMIT 1`,
  );
  // Reads one batch's card rows through their own index (migration 019): the
  // read is bounded by field 48's own limit, not by the history or the cash rows.
  const cardCounts = db.prepare<[string, number], { debits: number; credits: number }>(
    `SELECT coalesce(sum(type IN ('sale', 'preauth_complete')), 0) AS debits,
            coalesce(sum(type IN ('void', 'refund')), 0) AS credits
     FROM transactions INDEXED BY transactions_batch_card
     WHERE batch_no = ? AND tender = 'card' AND card_foreign = ? AND state IN ${MAY_COUNT_STATES_SQL}`,
  );
  const countRows = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM transactions WHERE batch_no = ?',
  );
  const eraseCards = db.prepare(
    'UPDATE transactions SET card_sealed = NULL WHERE batch_no = ? AND card_sealed IS NOT NULL',
  );

  return {
    get(batchNo: string): SettlementRecord | null {
      const r = get.get(batchNo);
      return r ? fromRow(r) : null;
    },
    /** A settlement started and not closed (there is at most one). */
    unfinished(): SettlementRecord | null {
      const r = unfinished.get();
      return r ? fromRow(r) : null;
    },
    lastClosed(): SettlementRecord | null {
      const r = last.get();
      return r ? fromRow(r) : null;
    },
    /** Call inside a transaction: the batch stops taking transactions ('settling'). */
    start(batchNo: string, operatorNo: string, totals: unknown, now: number): void {
      insert.run(batchNo, operatorNo, JSON.stringify(totals), now, now);
      markBatch.run('settling', null, batchNo);
    },
    setStep(batchNo: string, step: SettlementStep, hostCode: string | null, now: number): void {
      setStep.run(step, hostCode, now, batchNo);
    },
    recordUploaded(batchNo: string, txId: number, now: number): void {
      setUploaded.run(txId, now, batchNo);
    },
    /** Call inside a transaction: the settlement and its batch are closed together. */
    close(batchNo: string, reportJobId: number | null, now: number): boolean {
      if (close.run(reportJobId, now, now, batchNo).changes !== 1) return false;
      markBatch.run('settled', now, batchNo);
      // Settled: no reversal or upload will ever need these card numbers again.
      eraseCards.run(batchNo);
      return true;
    },
    /** The batch's rows one at a time (a 100k-transaction batch never sits in memory). */
    *rows(batchNo: string): Generator<SettlementRow> {
      for (const r of batchRows.iterate(batchNo))
        yield {
          type: r.type,
          tender: r.tender,
          state: r.state,
          amountFen: r.amount_fen,
          foreign: r.card_foreign === 1,
          feeRateBp: r.fee_rate_bp,
        };
    },
    /** Card debits and credits of one side of the batch that count, or may yet, in field 48. */
    cardCounts(batchNo: string, foreign: boolean): { debits: number; credits: number } {
      return cardCounts.get(batchNo, foreign ? 1 : 0) ?? { debits: 0, credits: 0 };
    },
    count(batchNo: string): number {
      return countRows.get(batchNo)?.n ?? 0;
    },
    nextUpload(batchNo: string, afterId: number): UploadCandidate | null {
      const r = uploadable.get(batchNo, afterId);
      return r
        ? {
            id: r.id,
            traceNo: r.trace_no,
            amountFen: r.amount_fen,
            processingCode: r.processing_code ?? '000000',
            messageTypeCode: r.message_type_code ?? '22',
            authCode: r.auth_code,
            cardSealed: r.card_sealed,
          }
        : null;
    },
  };
}
export type SettlementsRepo = ReturnType<typeof createSettlementsRepo>;
