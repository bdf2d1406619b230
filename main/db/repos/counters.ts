import type { Db } from '../connection';
import type { NumberGuard } from '../number-marks';
import { fail } from '../../domain/errors';
import { nextTraceNumber, formatBatchNo, FIRST_BATCH_NO } from '../../domain/numbers';

/**
 * Batch and trace (voucher) numbers. Both are allocated inside the caller's
 * SQLite transaction, so a number is used once even across crashes.
 */
export function createCountersRepo(db: Db, guard?: NumberGuard) {
  const openBatch = db.prepare<[], { batch_no: string }>(
    "SELECT batch_no FROM batches WHERE state = 'open'",
  );
  const stateOf = db.prepare<[string], { state: 'open' | 'settling' | 'settled' }>(
    'SELECT state FROM batches WHERE batch_no = ?',
  );
  const settlingBatch = db.prepare<[], { batch_no: string }>(
    "SELECT batch_no FROM batches WHERE state = 'settling'",
  );
  // The latest opened (index batches_opened: a lookup, however many days were settled).
  const lastBatch = db.prepare<[], { batch_no: string }>(
    `SELECT batch_no FROM batches WHERE opened_at = (SELECT max(opened_at) FROM batches)
     ORDER BY rowid DESC LIMIT 1`,
  );
  const insertBatch = db.prepare(
    "INSERT INTO batches (batch_no, state, opened_at) VALUES (?, 'open', ?)",
  );
  const getTrace = db.prepare<[], { value: number }>(
    "SELECT value FROM counters WHERE name = 'trace'",
  );
  const setTrace = db.prepare("UPDATE counters SET value = ? WHERE name = 'trace'");
  // After a restore or a new start, batches go on after the highest one ever opened (issue 16).
  const batchFloor = db.prepare<[], { value: number }>(
    "SELECT value FROM counters WHERE name = 'batch'",
  );

  return {
    /**
     * The batch in use: one being settled, else the open one, opening 000001
     * (or the one after the last settled) if none is open.
     */
    currentBatch(now: number): string {
      // While a batch settles, it stays the terminal's batch (the host sign-in names it).
      const settling = settlingBatch.get();
      if (settling) return settling.batch_no;
      const open = openBatch.get();
      if (open) return open.batch_no;
      const last = lastBatch.get();
      const after = Math.max(last ? Number(last.batch_no) : 0, batchFloor.get()?.value ?? 0);
      const next = after > 0 ? formatBatchNo(after + 1) : FIRST_BATCH_NO;
      guard?.batch(Number(next));
      insertBatch.run(next, now);
      return next;
    },
    /** The batch a new transaction goes into; none while a settlement is unfinished. */
    batchForTransaction(now: number): string {
      if (settlingBatch.get()) fail('SETTLEMENT_IN_PROGRESS');
      return this.currentBatch(now);
    },
    batchState(batchNo: string): 'open' | 'settling' | 'settled' | null {
      return stateOf.get(batchNo)?.state ?? null;
    },
    /** Peek without allocating, for screens. */
    peekBatch(): string | null {
      return openBatch.get()?.batch_no ?? null;
    },
    /** Allocates the next trace number: +1 per message, 999999 wraps to 000001. */
    nextTrace(): string {
      const last = getTrace.get()?.value ?? 0;
      const next = nextTraceNumber(last);
      setTrace.run(next);
      guard?.trace(next);
      return String(next).padStart(6, '0');
    },
  };
}
export type CountersRepo = ReturnType<typeof createCountersRepo>;
