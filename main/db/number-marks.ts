import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE } from '../core/private-files';
import type { Db } from './connection';

/**
 * The high-water marks of the terminal's numbers (issue 16): the last trace
 * (voucher) number, order sequence and batch number that may have been used.
 * They live in a small file beside the database (`numbers.json`), so they
 * survive what the database does not: a restore of an older backup, a
 * database deleted or damaged. After either, the numbers go on after the
 * marks — the host never sees one voucher number twice.
 *
 * Trace and order numbers are reserved ahead in blocks of RESERVE (one
 * flushed write per block, not per sale): a mark may be up to RESERVE ahead
 * of what was really used, and after a database loss the numbers skip that
 * gap rather than risk a reuse. The batch number is written exactly when a
 * batch opens (once a day at most).
 */
export interface NumberMarks {
  /** Last trace number (1–999999, wrapping); 0 = none yet. */
  trace: number;
  /** Last order sequence (never wraps). */
  order: number;
  /** Highest batch number opened (1–999999); 0 = none yet. */
  batch: number;
}

export const RESERVE = 100;
/** The file's name in the data folder. */
export const MARKS_FILE = 'numbers.json';
const SIX_DIGITS = 999_999;

export function readMarksFile(file: string): NumberMarks | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<NumberMarks>;
    const ok = (n: unknown, max: number) =>
      Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= max;
    if (
      ok(v.trace, SIX_DIGITS) &&
      ok(v.order, Number.MAX_SAFE_INTEGER) &&
      ok(v.batch, SIX_DIGITS)
    ) {
      return { trace: v.trace!, order: v.order!, batch: v.batch! };
    }
  } catch {
    // fall through: an unreadable file counts as none (the database's own counters rule)
  }
  return null;
}

export function writeMarksFile(file: string, marks: NumberMarks): void {
  writeDurably(file, JSON.stringify({ ...marks, at: Date.now() }));
}

/** Written to a side file (0600), flushed, renamed over the old one, folder flushed: never half a file. */
export function writeDurably(file: string, text: string): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  if (process.platform !== 'win32') {
    const dfd = openSync(dirname(file), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  }
}

/** The numbers a database has used, exactly. */
export function marksOf(db: Db): NumberMarks {
  const counter = (name: string) =>
    (db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(name) as
      number | undefined) ?? 0;
  const last = db
    .prepare(
      `SELECT batch_no FROM batches WHERE opened_at = (SELECT max(opened_at) FROM batches)
       ORDER BY rowid DESC LIMIT 1`,
    )
    .pluck()
    .get() as string | undefined;
  const batch = Math.max(last ? Number(last) : 0, counter('batch'));
  return { trace: counter('trace'), order: counter('order'), batch };
}

/** The higher of two marks, each number on its own (trace and batch compared on their circle). */
export function higherMarks(a: NumberMarks, b: NumberMarks): NumberMarks {
  return {
    trace: isAhead(b.trace, a.trace) ? b.trace : a.trace,
    order: Math.max(a.order, b.order),
    batch: isAhead(b.batch, a.batch) ? b.batch : a.batch,
  };
}

/**
 * True when six-digit number `a` comes after `b` on the wrapping circle
 * (less than half a turn ahead): 000005 after 999990, 000100 after 000099.
 */
export function isAhead(a: number, b: number): boolean {
  if (b === 0) return a > 0;
  if (a === 0) return false;
  const d = (a - b + SIX_DIGITS) % SIX_DIGITS;
  return d > 0 && d < SIX_DIGITS / 2;
}

/**
 * Moves a database's numbers up to `marks` (never down), in its own
 * transaction: the trace counter, the order sequence, and the batch floor
 * (counters row 'batch': the next batch opened comes after it). Batches left
 * open or settling that were settled on the terminal after the backup are
 * closed, so they are never settled twice: those named in `settled` (the
 * live database's settled batches), or — with the live database lost — every
 * one but the marked batch.
 */
export function raiseNumbers(
  db: Db,
  marks: NumberMarks,
  now: number,
  settled: readonly string[] | null,
  /** The live database's open batch: the restored one goes on in it (the host's current batch). */
  openBatch: string | null = null,
): { before: NumberMarks; closedBatches: string[] } {
  return db
    .transaction(() => {
      const before = marksOf(db);
      const set = db.prepare('INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)');
      if (isAhead(marks.trace, before.trace)) set.run('trace', marks.trace);
      if (marks.order > before.order) set.run('order', marks.order);
      if (isAhead(marks.batch, before.batch) || marks.batch === before.batch)
        set.run('batch', marks.batch);
      const unsettled = db
        .prepare("SELECT batch_no FROM batches WHERE state IN ('open', 'settling')")
        .pluck()
        .all() as string[];
      const marked = String(marks.batch).padStart(6, '0');
      const closedBatches = unsettled.filter((b) => (settled ? settled.includes(b) : b !== marked));
      const close = db.prepare(
        "UPDATE batches SET state = 'settled', settled_at = ? WHERE batch_no = ?",
      );
      for (const b of closedBatches) close.run(now, b);
      if (openBatch && !unsettled.some((b) => !closedBatches.includes(b))) {
        db.prepare(
          "INSERT INTO batches (batch_no, state, opened_at) VALUES (?, 'open', ?) ON CONFLICT DO NOTHING",
        ).run(openBatch, now);
      }
      return { before, closedBatches };
    })
    .immediate();
}

/**
 * Keeps the marks file ahead of the numbers a running terminal hands out:
 * `cover` is called with each number as it is allocated (inside the SQLite
 * transaction that uses it) and writes a new block to the file before a
 * number outside the reserved one can leave the terminal.
 */
export function createNumberGuard(file: string, db: Db, onWrite?: (m: NumberMarks) => void) {
  const live = marksOf(db);
  const kept = readMarksFile(file);
  let marks = higherMarks(kept ?? live, {
    trace: advance(live.trace, RESERVE),
    order: live.order + RESERVE,
    batch: live.batch,
  });
  // The last numbers handed out, to top the other mark up on a write.
  let lastTrace = live.trace;
  let lastOrder = live.order;
  /**
   * Writes the file (a flushed write: a few ms on a till's disk). A sale takes
   * one trace and one order number, so their blocks run out in the same sale:
   * the other mark, if less than half a block is left of it, is renewed in the
   * same write rather than in a second one a moment later (issue 17). Marks
   * only move up, never more than RESERVE ahead of a number handed out.
   */
  const save = () => {
    if ((marks.trace - lastTrace + SIX_DIGITS) % SIX_DIGITS < RESERVE / 2)
      marks = { ...marks, trace: advance(lastTrace, RESERVE) };
    if (marks.order - lastOrder < RESERVE / 2) marks = { ...marks, order: lastOrder + RESERVE };
    writeMarksFile(file, marks);
    onWrite?.(marks);
  };
  save();
  return {
    marks: () => ({ ...marks }),
    trace(v: number) {
      lastTrace = v;
      // Covered while the mark is less than RESERVE ahead of v (on the circle).
      const d = (marks.trace - v + SIX_DIGITS) % SIX_DIGITS;
      if (d >= RESERVE) {
        marks = { ...marks, trace: advance(v, RESERVE) };
        save();
      }
    },
    order(v: number) {
      lastOrder = Math.max(lastOrder, v);
      if (v > marks.order) {
        marks = { ...marks, order: v + RESERVE };
        save();
      }
    },
    batch(v: number) {
      if (isAhead(v, marks.batch)) {
        marks = { ...marks, batch: v };
        save();
      }
    },
  };
}
export type NumberGuard = ReturnType<typeof createNumberGuard>;

function advance(trace: number, by: number): number {
  return ((trace + by - 1) % SIX_DIGITS) + 1;
}
