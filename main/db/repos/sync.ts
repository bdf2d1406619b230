import type { Db } from '../connection';
import type { Tender, TransactionType } from './transactions';
import type { TransactionState } from '../../../preload/contract';

export type SyncState = 'pending' | 'uploading' | 'done' | 'conflict' | 'unauthorized';

export interface SyncBatchRecord {
  batchNo: string;
  merchant: string;
  terminal: string;
  state: SyncState;
  txCount: number;
  partsTotal: number;
  /** The highest part the back office acknowledged; delivery resumes at the next one. */
  partsDone: number;
  headerDone: boolean;
  partsSha256: string | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SyncPartRecord {
  partNo: number;
  txCount: number;
  firstTxId: number;
  lastTxId: number;
  sha256: string;
  /** The exact request body; null once the back office acknowledged the part. */
  body: Buffer | null;
}

/**
 * One transaction as the back office receives it (HOST-PROTOCOL.md part C).
 * Only these fields are ever read for an upload: never the sealed card data,
 * a full card number, a PIN or a payment code.
 */
export interface UploadTransaction {
  id: number;
  type: TransactionType;
  tender: Tender;
  state: TransactionState;
  amountFen: number;
  operatorNo: string;
  traceNo: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** First 6 / last 4. */
  panMasked: string | null;
  authCode: string | null;
  rrn: string | null;
  wallet: 'wechat' | 'alipay' | 'unionpay' | null;
  orderNo: string | null;
  originalTxId: number | null;
}

interface BatchRow {
  batch_no: string;
  merchant: string;
  terminal: string;
  state: SyncState;
  tx_count: number;
  parts_total: number;
  parts_done: number;
  header_done: number;
  parts_sha256: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

interface UploadRow {
  id: number;
  type: TransactionType;
  tender: Tender;
  state: TransactionState;
  amount_fen: number;
  operator_no: string;
  trace_no: string;
  created_at: number;
  pan_masked: string | null;
  auth_code: string | null;
  rrn: string | null;
  wallet: UploadTransaction['wallet'];
  order_no: string | null;
  original_tx_id: number | null;
}

const BATCH_COLUMNS = `batch_no, merchant, terminal, state, tx_count, parts_total, parts_done,
  header_done, parts_sha256, last_error, created_at, updated_at`;

const fromRow = (r: BatchRow): SyncBatchRecord => ({
  batchNo: r.batch_no,
  merchant: r.merchant,
  terminal: r.terminal,
  state: r.state,
  txCount: r.tx_count,
  partsTotal: r.parts_total,
  partsDone: r.parts_done,
  headerDone: r.header_done === 1,
  partsSha256: r.parts_sha256,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The column's CHECK only pins the first 6 and last 4 digits, so a clear
 * number would pass it: whatever is stored, only first 6 / last 4 leave.
 */
function firstSixLastFour(pan: string | null): string | null {
  if (pan === null) return null;
  return pan.slice(0, 6) + '*'.repeat(Math.max(0, pan.length - 10)) + pan.slice(-4);
}

/**
 * Key order is fixed here: the part bodies are JSON.stringify of these
 * objects, and their bytes are what the back office compares and hashes.
 */
const toUpload = (r: UploadRow): UploadTransaction => ({
  id: r.id,
  type: r.type,
  tender: r.tender,
  state: r.state,
  amountFen: r.amount_fen,
  operatorNo: r.operator_no,
  traceNo: r.trace_no,
  createdAt: new Date(r.created_at).toISOString(),
  panMasked: firstSixLastFour(r.pan_masked),
  authCode: r.auth_code,
  rrn: r.rrn,
  wallet: r.wallet,
  orderNo: r.order_no,
  originalTxId: r.original_tx_id,
});

/** Settled-batch uploads: progress rows, frozen parts, and the batch's transactions page by page. */
export function createSyncRepo(db: Db) {
  const insertBatch = db.prepare(
    `INSERT INTO sync_batches (batch_no, merchant, terminal, state, tx_count, parts_total,
       header_body, created_at, updated_at)
     VALUES (@batchNo, @merchant, @terminal, 'pending', @txCount, @partsTotal, @headerBody, @now, @now)
     ON CONFLICT (batch_no) DO NOTHING`,
  );
  const insertPart = db.prepare(
    `INSERT INTO sync_parts (batch_no, part_no, tx_count, first_tx_id, last_tx_id, sha256, body)
     VALUES (@batchNo, @partNo, @txCount, @firstTxId, @lastTxId, @sha256, @body)`,
  );
  const setSha = db.prepare(
    'UPDATE sync_batches SET parts_sha256 = ?, updated_at = ? WHERE batch_no = ? AND parts_sha256 IS NULL',
  );
  const get = db.prepare<[string], BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM sync_batches WHERE batch_no = ?`,
  );
  const header = db.prepare<[string], { header_body: Buffer }>(
    'SELECT header_body FROM sync_batches WHERE batch_no = ?',
  );
  const part = db.prepare<
    [string, number],
    {
      part_no: number;
      tx_count: number;
      first_tx_id: number;
      last_tx_id: number;
      sha256: string;
      body: Buffer | null;
    }
  >(
    `SELECT part_no, tx_count, first_tx_id, last_tx_id, sha256, body FROM sync_parts
     WHERE batch_no = ? AND part_no = ?`,
  );
  const countTx = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM transactions WHERE batch_no = ?',
  );
  // Keyset paging on (batch_no, id): each page costs the same however deep into
  // a large batch it is, and only these columns are ever read for an upload.
  const page = db.prepare<[string, number, number], UploadRow>(
    `SELECT t.id, t.type, t.tender, t.state, t.amount_fen, t.operator_no, t.trace_no, t.created_at,
       t.pan_masked, t.auth_code, t.rrn, q.wallet, q.order_no, t.original_tx_id
     FROM transactions t LEFT JOIN qr_payments q ON q.tx_id = t.id
     WHERE t.batch_no = ? AND t.id > ?
     ORDER BY t.id LIMIT ?`,
  );
  const attempt = db.prepare(
    `UPDATE sync_batches SET state = 'uploading', updated_at = ?
     WHERE batch_no = ? AND state IN ('pending', 'unauthorized')`,
  );
  const headerDone = db.prepare(
    `UPDATE sync_batches SET header_done = 1, state = 'uploading', last_error = NULL, updated_at = ?
     WHERE batch_no = ? AND state NOT IN ('done', 'conflict')`,
  );
  const partDone = db.prepare(
    `UPDATE sync_batches SET parts_done = ?, state = 'uploading', last_error = NULL, updated_at = ?
     WHERE batch_no = ? AND parts_done = ? AND header_done = 1 AND state NOT IN ('done', 'conflict')`,
  );
  const dropBody = db.prepare(
    'UPDATE sync_parts SET body = NULL WHERE batch_no = ? AND part_no = ?',
  );
  const done = db.prepare(
    `UPDATE sync_batches SET state = 'done', last_error = NULL, updated_at = ?
     WHERE batch_no = ? AND header_done = 1 AND parts_done = parts_total AND state != 'conflict'`,
  );
  const problem = db.prepare(
    `UPDATE sync_batches SET state = ?, last_error = ?, updated_at = ?
     WHERE batch_no = ? AND state NOT IN ('done', 'conflict')`,
  );
  const error = db.prepare(
    `UPDATE sync_batches SET last_error = ?, updated_at = ?
     WHERE batch_no = ? AND state NOT IN ('done', 'conflict')`,
  );
  // Every batch not yet done, however old, plus the latest done ones: the list
  // stays short after years of daily batches but never hides one that needs a look.
  const list = db.prepare<[number], BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM sync_batches WHERE state != 'done'
     UNION ALL
     SELECT * FROM (SELECT ${BATCH_COLUMNS} FROM sync_batches WHERE state = 'done'
       ORDER BY created_at DESC, batch_no DESC LIMIT ?)
     ORDER BY created_at DESC, batch_no DESC`,
  );
  const markPartDone = db.transaction((batchNo: string, partNo: number, now: number) => {
    if (partDone.run(partNo, now, batchNo, partNo - 1).changes !== 1) return false;
    dropBody.run(batchNo, partNo);
    return true;
  });

  return {
    /** A new upload (state 'pending'); false when the batch already has one. */
    insertBatch(b: {
      batchNo: string;
      merchant: string;
      terminal: string;
      txCount: number;
      partsTotal: number;
      headerBody: Buffer;
      now: number;
    }): boolean {
      return insertBatch.run(b).changes === 1;
    },
    insertPart(batchNo: string, p: Omit<SyncPartRecord, 'body'> & { body: Buffer }): void {
      insertPart.run({ batchNo, ...p });
    },
    setPartsSha256(batchNo: string, hex: string, now: number): void {
      if (setSha.run(hex, now, batchNo).changes !== 1) {
        throw new Error(`sync batch ${batchNo}: digest already set or no such batch`);
      }
    },
    get(batchNo: string): SyncBatchRecord | null {
      const r = get.get(batchNo);
      return r ? fromRow(r) : null;
    },
    headerBody(batchNo: string): Buffer | null {
      return header.get(batchNo)?.header_body ?? null;
    },
    part(batchNo: string, partNo: number): SyncPartRecord | null {
      const r = part.get(batchNo, partNo);
      return r
        ? {
            partNo: r.part_no,
            txCount: r.tx_count,
            firstTxId: r.first_tx_id,
            lastTxId: r.last_tx_id,
            sha256: r.sha256,
            body: r.body,
          }
        : null;
    },
    countTransactions(batchNo: string): number {
      return countTx.get(batchNo)?.n ?? 0;
    },
    /** Up to `limit` of the batch's transactions with an id above `afterId`, in id order. */
    transactionsPage(batchNo: string, afterId: number, limit: number): UploadTransaction[] {
      return page.all(batchNo, afterId, limit).map(toUpload);
    },
    /** A delivery attempt begins: pending or unauthorized → uploading. */
    markAttempt(batchNo: string, now: number): void {
      attempt.run(now, batchNo);
    },
    markHeaderDone(batchNo: string, now: number): void {
      headerDone.run(now, batchNo);
    },
    /**
     * Part `partNo` was acknowledged: it becomes the resume point, and its bytes
     * (never sent again) are dropped. False unless it was the next part due.
     */
    markPartDone(batchNo: string, partNo: number, now: number): boolean {
      return markPartDone(batchNo, partNo, now);
    },
    markDone(batchNo: string, now: number): boolean {
      return done.run(now, batchNo).changes === 1;
    },
    /** Conflict is final; unauthorized resumes at the next attempt. */
    markProblem(
      batchNo: string,
      state: 'conflict' | 'unauthorized',
      lastError: string,
      now: number,
    ): void {
      problem.run(state, lastError, now, batchNo);
    },
    /** A failed attempt that will be retried: the state stays, the reason is kept for the screen. */
    recordError(batchNo: string, lastError: string, now: number): void {
      error.run(lastError, now, batchNo);
    },
    /** Newest first: every batch not done, and the `doneLimit` latest done ones. */
    list(doneLimit = 100): SyncBatchRecord[] {
      return list.all(doneLimit).map(fromRow);
    },
  };
}
export type SyncRepo = ReturnType<typeof createSyncRepo>;
