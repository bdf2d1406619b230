import type { Db } from '../connection';
import type { PosError, PrinterSetting, PrintJobState } from '../../../preload/contract';

export interface PrintJobRecord {
  id: number;
  txId: number | null;
  kind: 'receipt' | 'reprint' | 'test' | 'fault_slip' | 'report';
  copy: 'customer' | 'merchant' | 'cardholder' | null;
  state: PrintJobState;
  target: PrinterSetting['kind'];
  paperWidth: 58 | 80;
  attempts: number;
  lastError: PosError | null;
  createdAt: number;
  printedAt: number | null;
  traceNo: string | null;
}

interface JobRow {
  id: number;
  tx_id: number | null;
  kind: PrintJobRecord['kind'];
  copy: PrintJobRecord['copy'];
  state: PrintJobState;
  target: PrinterSetting['kind'];
  paper_width: 58 | 80;
  attempts: number;
  last_error: string | null;
  created_at: number;
  printed_at: number | null;
  trace_no: string | null;
}

export interface NewPrintJob {
  txId: number | null;
  /** An order receipt's order (PRODUCT.md §12). */
  orderId?: number | null;
  kind: PrintJobRecord['kind'];
  copy: PrintJobRecord['copy'];
  target: PrinterSetting['kind'];
  paperWidth: 58 | 80;
  bytes: Uint8Array;
}

/**
 * The jobs still to print. print_jobs_open (migration 009) holds exactly
 * these rows, and SQLite uses a partial index only when the query's WHERE
 * repeats the index's: every query for open jobs starts with this condition,
 * so it reads the few open jobs and never the jobs printed long ago.
 */
const OPEN = "j.state IN ('queued', 'printing', 'waiting')";

/** The print queue's screen shows the finished jobs among this many latest ones. */
const RECENT_WINDOW = 200;

const COLUMNS = `j.id, j.tx_id, j.kind, j.copy, j.state, j.target, j.paper_width, j.attempts,
  j.last_error, j.created_at, j.printed_at, t.trace_no`;
// Parameters are written `+?` where a bare `?` would make SQLite prepare the
// statement again on every run (see transactions.ts).
const FROM = 'FROM print_jobs j LEFT JOIN transactions t ON t.id = j.tx_id';

function fromRow(r: JobRow): PrintJobRecord {
  return {
    id: r.id,
    txId: r.tx_id,
    kind: r.kind,
    copy: r.copy,
    state: r.state,
    target: r.target,
    paperWidth: r.paper_width,
    attempts: r.attempts,
    lastError: r.last_error ? (JSON.parse(r.last_error) as PosError) : null,
    createdAt: r.created_at,
    printedAt: r.printed_at,
    traceNo: r.trace_no,
  };
}

export function createPrintJobsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO print_jobs (tx_id, order_id, kind, copy, state, target, paper_width, bytes,
       created_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
  );
  const get = db.prepare<[number], JobRow>(`SELECT ${COLUMNS} ${FROM} WHERE j.id = +?`);
  const bytes = db.prepare<[number], { bytes: Buffer }>(
    'SELECT bytes FROM print_jobs WHERE id = ?',
  );
  const nextOpen = db.prepare<[], JobRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${OPEN} AND j.state <> 'printing' ORDER BY j.id LIMIT 1`,
  );
  const listOpen = db.prepare<[], JobRow>(`SELECT ${COLUMNS} ${FROM} WHERE ${OPEN} ORDER BY j.id`);
  // A range of the latest ids, not a walk back through every finished job.
  const listRecentDone = db.prepare<[number], JobRow>(
    `SELECT ${COLUMNS} ${FROM}
     WHERE j.id > (SELECT max(id) FROM print_jobs) - ${RECENT_WINDOW}
       AND j.state IN ('done', 'cancelled')
     ORDER BY j.id DESC LIMIT +?`,
  );
  const forTx = db.prepare<[number], JobRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE j.tx_id = +? ORDER BY j.id`,
  );
  const setPrinting = db.prepare(
    `UPDATE print_jobs SET state = 'printing', target = ?, attempts = attempts + 1
     WHERE id = ? AND state IN ('queued', 'waiting')`,
  );
  const setDone = db.prepare(
    "UPDATE print_jobs SET state = 'done', printed_at = ?, last_error = NULL WHERE id = ? AND state = 'printing'",
  );
  const cancelOpen = db.prepare(
    "UPDATE print_jobs SET state = 'cancelled' WHERE id = ? AND state IN ('queued', 'waiting')",
  );
  const setWaiting = db.prepare(
    "UPDATE print_jobs SET state = 'waiting', last_error = ? WHERE id = ? AND state = 'printing'",
  );
  // Oldest first, a window at a time, by id (ids grow with time); the walk
  // stops at the first job young enough to keep.
  const oldest = db.prepare<[number, number], { id: number; created_at: number }>(
    'SELECT id, created_at FROM print_jobs WHERE id > +? ORDER BY id LIMIT +?',
  );
  const removeFinished = db.prepare(
    "DELETE FROM print_jobs WHERE id > ? AND id <= ? AND state IN ('done', 'cancelled')",
  );
  const recover = db.prepare(
    `UPDATE print_jobs AS j SET state = 'waiting' WHERE ${OPEN} AND j.state = 'printing'`,
  );

  return {
    /** Call inside the same SQLite transaction as the transaction it prints. */
    insert(job: NewPrintJob, now: number): number {
      return Number(
        insert.run(
          job.txId,
          job.orderId ?? null,
          job.kind,
          job.copy,
          job.target,
          job.paperWidth,
          Buffer.from(job.bytes),
          now,
        ).lastInsertRowid,
      );
    },
    get(id: number): PrintJobRecord | null {
      const row = get.get(id);
      return row ? fromRow(row) : null;
    },
    bytes(id: number): Buffer | null {
      return bytes.get(id)?.bytes ?? null;
    },
    /** The oldest job still to print; jobs print in order so receipts never interleave. */
    nextOpen(): PrintJobRecord | null {
      const row = nextOpen.get();
      return row ? fromRow(row) : null;
    },
    listOpen(): PrintJobRecord[] {
      return listOpen.all().map(fromRow);
    },
    /** The latest finished jobs (up to `limit`, among the latest 200 jobs). */
    listRecentDone(limit: number): PrintJobRecord[] {
      return listRecentDone.all(limit).map(fromRow);
    },
    forTransaction(txId: number): PrintJobRecord[] {
      return forTx.all(txId).map(fromRow);
    },
    /** Claims a job; false if another drain already took it. */
    markPrinting(id: number, target: PrinterSetting['kind']): boolean {
      return setPrinting.run(target, id).changes === 1;
    },
    markDone(id: number, now: number): void {
      setDone.run(now, id);
    },
    /** A job that must not print later (a drawer kick nobody is waiting for any more). */
    cancel(id: number): boolean {
      return cancelOpen.run(id).changes === 1;
    },
    markWaiting(id: number, error: PosError): void {
      setWaiting.run(JSON.stringify(error), id);
    },
    /**
     * The next stretch of finished jobs created before `before`, oldest first,
     * at most `limit` ids wide: `[after, upTo]` to remove, and whether older
     * jobs may remain beyond it. Jobs still to print are never in it.
     */
    finishedBefore(
      before: number,
      after: number,
      limit: number,
    ): { upTo: number; more: boolean } | null {
      const rows = oldest.all(after, limit);
      const young = rows.findIndex((r) => r.created_at >= before);
      const last = young === -1 ? rows.at(-1) : rows[young - 1];
      if (!last) return null;
      return { upTo: last.id, more: young === -1 && rows.length === limit };
    },
    /** Removes the finished jobs with ids in (after, upTo]; returns how many. */
    removeFinished(after: number, upTo: number): number {
      return removeFinished.run(after, upTo).changes;
    },
    /**
     * After a crash a job may be left 'printing'; we can't know whether the
     * paper came out, so it goes back to waiting and prints again: a receipt
     * may come out twice after a power cut, but never not at all.
     */
    recoverInterrupted(): number {
      return recover.run().changes;
    },
  };
}
export type PrintJobsRepo = ReturnType<typeof createPrintJobsRepo>;
