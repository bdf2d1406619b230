import type { Db } from '../connection';

export interface ShiftRecord {
  id: number;
  operatorNo: string;
  startedAt: number;
  endedAt: number | null;
}

export interface ShiftTenderRow {
  tender: 'cash' | 'card' | 'qr';
  kind: 'sale' | 'void' | 'refund';
  count: number;
  amountFen: number;
}

/**
 * An operator's shifts (交班): open at sign-in, closed at sign-off. The totals
 * count money that moved: sales and completions that were approved (also
 * those later voided or refunded — the void or refund is its own row), and
 * approved voids and refunds. Declined, reversed or cancelled rows never count.
 */
export function createShiftsRepo(db: Db) {
  const open = db.prepare<[string], { id: number; operator_no: string; started_at: number }>(
    'SELECT id, operator_no, started_at FROM shifts WHERE operator_no = ? AND ended_at IS NULL',
  );
  const insert = db.prepare('INSERT INTO shifts (operator_no, started_at) VALUES (?, ?)');
  const close = db.prepare(
    'UPDATE shifts SET ended_at = ? WHERE operator_no = ? AND ended_at IS NULL',
  );
  const totals = db.prepare<[string, number, number], ShiftTenderRow>(
    `SELECT tender,
            CASE WHEN type IN ('sale', 'preauth_complete') THEN 'sale' ELSE type END AS kind,
            count(*) AS count, coalesce(sum(amount_fen), 0) AS amountFen
       FROM transactions
      WHERE operator_no = ? AND created_at >= ? AND created_at <= ?
        AND ((type IN ('sale', 'preauth_complete') AND state IN ('approved', 'voided', 'refunded'))
          OR (type IN ('void', 'refund') AND state = 'approved'))
      GROUP BY tender, kind
      ORDER BY tender, kind`,
  );

  return {
    /** The operator's open shift, if any (one left open by a power cut continues). */
    current(operatorNo: string): ShiftRecord | null {
      const r = open.get(operatorNo);
      return r
        ? { id: r.id, operatorNo: r.operator_no, startedAt: r.started_at, endedAt: null }
        : null;
    },
    /** Opens a shift unless one is open; returns the open one. */
    start(operatorNo: string, now: number): ShiftRecord {
      if (!open.get(operatorNo)) insert.run(operatorNo, now);
      return this.current(operatorNo)!;
    },
    end(operatorNo: string, now: number): void {
      close.run(now, operatorNo);
    },
    totals(operatorNo: string, from: number, to: number): ShiftTenderRow[] {
      return totals.all(operatorNo, from, to);
    },
  };
}
export type ShiftsRepo = ReturnType<typeof createShiftsRepo>;
