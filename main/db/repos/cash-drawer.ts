import type { Db } from '../connection';

export interface CashMovementRecord {
  id: number;
  shiftId: number;
  operatorNo: string;
  kind: 'float' | 'in' | 'out';
  amountFen: number;
  reason: string;
  approvedBy: string | null;
  batchNo: string;
  createdAt: number;
}

export interface CashCountRecord {
  shiftId: number;
  operatorNo: string;
  countedFen: number;
  expectedFen: number;
  overShortFen: number;
  /** JSON of the count by denomination, or null for a total. */
  denominations: string | null;
  /** JSON of the drawer figures as they stood at the count. */
  figures: string;
  batchNo: string;
  countedAt: number;
}

export interface MovementSums {
  floatFen: number;
  paidInFen: number;
  paidOutFen: number;
}

export interface CountSums {
  counts: number;
  countedFen: number;
  overShortFen: number;
}

type MovementRow = {
  id: number;
  shift_id: number;
  operator_no: string;
  kind: CashMovementRecord['kind'];
  amount_fen: number;
  reason: string;
  approved_by: string | null;
  batch_no: string;
  created_at: number;
};

const SUMS = `coalesce(sum(CASE WHEN kind = 'float' THEN amount_fen END), 0) AS floatFen,
  coalesce(sum(CASE WHEN kind = 'in' THEN amount_fen END), 0) AS paidInFen,
  coalesce(sum(CASE WHEN kind = 'out' THEN amount_fen END), 0) AS paidOutFen`;
const COUNT_SUMS = `count(*) AS counts, coalesce(sum(counted_fen), 0) AS countedFen,
  coalesce(sum(over_short_fen), 0) AS overShortFen`;

/** The drawer's movements and counts (migration 015). All reads go by an index. */
export function createCashDrawerRepo(db: Db) {
  const insertMove = db.prepare(
    `INSERT INTO cash_movements
       (shift_id, operator_no, kind, amount_fen, reason, approved_by, batch_no, created_at)
     VALUES (@shiftId, @operatorNo, @kind, @amountFen, @reason, @approvedBy, @batchNo, @createdAt)`,
  );
  const byShift = db.prepare<[number], MovementRow>(
    // +? : a bare ? here would make SQLite prepare the statement again on every run.
    'SELECT * FROM cash_movements WHERE shift_id = +? ORDER BY id',
  );
  const hasFloat = db.prepare<[number], { id: number }>(
    "SELECT id FROM cash_movements WHERE shift_id = ? AND kind = 'float'",
  );
  const shiftSums = db.prepare<[number], MovementSums>(
    `SELECT ${SUMS} FROM cash_movements WHERE shift_id = ?`,
  );
  const timeSums = db.prepare<[number, number], MovementSums>(
    `SELECT ${SUMS} FROM cash_movements WHERE created_at >= ? AND created_at < ?`,
  );
  const batchSums = db.prepare<[string], MovementSums>(
    `SELECT ${SUMS} FROM cash_movements WHERE batch_no = ?`,
  );
  const insertCount = db.prepare(
    `INSERT INTO cash_counts (shift_id, operator_no, counted_fen, expected_fen, over_short_fen,
       denominations, figures, batch_no, counted_at)
     VALUES (@shiftId, @operatorNo, @countedFen, @expectedFen, @overShortFen,
       @denominations, @figures, @batchNo, @countedAt)`,
  );
  const countOf = db.prepare<[number], CashCountRecord>(
    `SELECT shift_id AS shiftId, operator_no AS operatorNo, counted_fen AS countedFen,
       expected_fen AS expectedFen, over_short_fen AS overShortFen, denominations, figures,
       batch_no AS batchNo, counted_at AS countedAt
     FROM cash_counts WHERE shift_id = ?`,
  );
  const countTimeSums = db.prepare<[number, number], CountSums>(
    `SELECT ${COUNT_SUMS} FROM cash_counts WHERE counted_at >= ? AND counted_at < ?`,
  );
  const countBatchSums = db.prepare<[string], CountSums>(
    `SELECT ${COUNT_SUMS} FROM cash_counts WHERE batch_no = ?`,
  );

  const toRecord = (r: MovementRow): CashMovementRecord => ({
    id: r.id,
    shiftId: r.shift_id,
    operatorNo: r.operator_no,
    kind: r.kind,
    amountFen: r.amount_fen,
    reason: r.reason,
    approvedBy: r.approved_by,
    batchNo: r.batch_no,
    createdAt: r.created_at,
  });
  const zero: MovementSums = { floatFen: 0, paidInFen: 0, paidOutFen: 0 };
  const noCounts: CountSums = { counts: 0, countedFen: 0, overShortFen: 0 };

  return {
    /** Call inside the caller's transaction (with its audit row). */
    insertMovement(m: Omit<CashMovementRecord, 'id'>): number {
      return Number(insertMove.run(m).lastInsertRowid);
    },
    movements(shiftId: number): CashMovementRecord[] {
      return byShift.all(shiftId).map(toRecord);
    },
    hasFloat(shiftId: number): boolean {
      return hasFloat.get(shiftId) !== undefined;
    },
    shiftSums(shiftId: number): MovementSums {
      return shiftSums.get(shiftId) ?? zero;
    },
    /** Movements in [from, to). */
    timeSums(from: number, to: number): MovementSums {
      return timeSums.get(from, to) ?? zero;
    },
    batchSums(batchNo: string): MovementSums {
      return batchSums.get(batchNo) ?? zero;
    },
    insertCount(c: CashCountRecord): void {
      insertCount.run(c);
    },
    count(shiftId: number): CashCountRecord | null {
      return countOf.get(shiftId) ?? null;
    },
    /** Counts made in [from, to). */
    countTimeSums(from: number, to: number): CountSums {
      return countTimeSums.get(from, to) ?? noCounts;
    },
    countBatchSums(batchNo: string): CountSums {
      return countBatchSums.get(batchNo) ?? noCounts;
    },
  };
}
export type CashDrawerRepo = ReturnType<typeof createCashDrawerRepo>;
