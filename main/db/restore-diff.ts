import Database from 'better-sqlite3';
import type { Db } from './connection';
import { marksOf, raiseNumbers, type NumberMarks } from './number-marks';

/**
 * What a restore would drop (issue 16): the rows the live database holds
 * that the backup does not — transactions and audit entries made since the
 * backup (by id: both only ever grow), settlements whose step moved on —
 * and which of the dropped transactions the host approved and that were
 * not yet settled and uploaded (their batch's settlement not closed).
 */
export interface DroppedTransaction {
  id: number;
  type: string;
  tender: 'cash' | 'card' | 'qr';
  state: string;
  amountFen: number;
  batchNo: string;
  traceNo: string;
  panMasked: string | null;
  createdAt: number;
  /** Its batch was settled (and its details uploaded) on this terminal since. */
  settled: boolean;
}

export interface RestoreDiff {
  transactions: number;
  settlements: number;
  auditEntries: number;
  /** Approved (or later voided/refunded) card and QR transactions dropped, newest first. */
  approvedElectronic: DroppedTransaction[];
  /** How many dropped approved transactions (any tender) are not settled and uploaded. */
  unsettledApproved: number;
  /** The live numbers, exactly: the restored database goes on after them. */
  marks: NumberMarks;
  /** The live database's settled batches (closed in the restored one too). */
  settledBatches: string[];
  /** The live database's open batch, if any (the restored one goes on in it). */
  openBatch: string | null;
}

/** The backup's high points, read once from the staged copy. */
interface BackupTops {
  txId: number;
  auditId: number;
  settlements: Map<string, string>;
}

function topsOf(backup: Db): BackupTops {
  const max = (t: string) =>
    (backup.prepare(`SELECT coalesce(max(id), 0) FROM ${t}`).pluck().get() as number) ?? 0;
  const rows = backup.prepare('SELECT batch_no, step FROM settlements').all() as Array<{
    batch_no: string;
    step: string;
  }>;
  return {
    txId: max('transactions'),
    auditId: max('audit_log'),
    settlements: new Map(rows.map((r) => [r.batch_no, r.step])),
  };
}

const APPROVED = "('approved', 'voided', 'refunded')";

/** Compares the live database with a (staged, migrated) backup copy; reads both, changes neither. */
export function diffForRestore(live: Db, backupFile: string): RestoreDiff {
  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  let tops: BackupTops;
  try {
    tops = topsOf(backup);
  } finally {
    backup.close();
  }
  const txCount = live
    .prepare('SELECT count(*) FROM transactions WHERE id > ?')
    .pluck()
    .get(tops.txId) as number;
  const auditEntries = live
    .prepare('SELECT count(*) FROM audit_log WHERE id > ?')
    .pluck()
    .get(tops.auditId) as number;
  const settlementRows = live.prepare('SELECT batch_no, step FROM settlements').all() as Array<{
    batch_no: string;
    step: string;
  }>;
  const settlements = settlementRows.filter(
    (r) => tops.settlements.get(r.batch_no) !== r.step,
  ).length;
  const approved = live
    .prepare(
      `SELECT t.id, t.type, t.tender, t.state, t.amount_fen AS amountFen, t.batch_no AS batchNo,
              t.trace_no AS traceNo, t.pan_masked AS panMasked, t.created_at AS createdAt,
              (SELECT s.step = 'closed' FROM settlements s WHERE s.batch_no = t.batch_no) AS settled
       FROM transactions t WHERE t.id > ? AND t.state IN ${APPROVED} ORDER BY t.id DESC`,
    )
    .all(tops.txId) as Array<Omit<DroppedTransaction, 'settled'> & { settled: number | null }>;
  const rows = approved.map((r) => ({ ...r, settled: r.settled === 1 }));
  return {
    transactions: txCount,
    settlements,
    auditEntries,
    approvedElectronic: rows.filter((r) => r.tender !== 'cash'),
    unsettledApproved: rows.filter((r) => !r.settled).length,
    marks: marksOf(live),
    settledBatches: live
      .prepare("SELECT batch_no FROM batches WHERE state = 'settled'")
      .pluck()
      .all() as string[],
    openBatch:
      (live.prepare("SELECT batch_no FROM batches WHERE state = 'open'").pluck().get() as
        string | undefined) ?? null,
  };
}

/** `fn` over a read-only connection to `file` (the live database while the services are stopped). */
export function readOnly<T>(file: string, fn: (db: Db) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The live audit entries made since the backup, oldest first. */
export function auditSince(live: Db, backupFile: string) {
  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  let auditId: number;
  try {
    auditId = topsOf(backup).auditId;
  } finally {
    backup.close();
  }
  return live
    .prepare('SELECT at, operator_no, action, detail FROM audit_log WHERE id > ? ORDER BY id')
    .all(auditId) as Array<{
    at: number;
    operator_no: string | null;
    action: string;
    detail: string;
  }>;
}

/**
 * Prepares the staged copy to take the live database's place: the audit
 * entries made since the backup are appended to it (the log never loses an
 * entry), its numbers are raised to `marks`, and both are audited — one
 * transaction, before the swap, so a power cut leaves either database whole.
 */
export function carryIntoStaged(
  stagedFile: string,
  carried: ReturnType<typeof auditSince>,
  marks: NumberMarks,
  settled: readonly string[] | null,
  openBatch: string | null,
  now: number,
  audit: { operatorNo: string | null; file: string },
): { closedBatches: string[] } {
  const staged = new Database(stagedFile, { fileMustExist: true });
  try {
    staged.pragma('journal_mode = DELETE');
    staged.pragma('synchronous = FULL');
    const insert = staged.prepare(
      'INSERT INTO audit_log (at, operator_no, action, detail) VALUES (?, ?, ?, ?)',
    );
    return staged
      .transaction(() => {
        for (const a of carried) insert.run(a.at, a.operator_no, a.action, a.detail);
        const raised = raiseNumbers(staged, marks, now, settled, openBatch);
        insert.run(
          now,
          audit.operatorNo,
          'backup.carried',
          JSON.stringify({
            file: audit.file,
            auditEntries: carried.length,
            numbersBefore: raised.before,
            numbersAfter: marksOf(staged),
            closedBatches: raised.closedBatches,
          }),
        );
        return { closedBatches: raised.closedBatches };
      })
      .immediate();
  } finally {
    staged.close();
  }
}
