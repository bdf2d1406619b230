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
  // The shift's money rows one by one, added up below: grouping in SQL would
  // sort them in a temp B-tree, and a shift can be long.
  const moneyRows = db.prepare<
    [string, number, number],
    { tender: ShiftTenderRow['tender']; kind: ShiftTenderRow['kind']; amount_fen: number }
  >(
    `SELECT tender,
            CASE WHEN type IN ('sale', 'preauth_complete') THEN 'sale' ELSE type END AS kind,
            amount_fen
       FROM transactions
      WHERE operator_no = ? AND created_at >= ? AND created_at <= ?
        AND ((type IN ('sale', 'preauth_complete') AND state IN ('approved', 'voided', 'refunded'))
          OR (type IN ('void', 'refund') AND state = 'approved'))`,
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
    /** Count and amount per tender and kind, ordered by tender then kind. */
    totals(operatorNo: string, from: number, to: number): ShiftTenderRow[] {
      const sums = new Map<string, ShiftTenderRow>();
      for (const r of moneyRows.iterate(operatorNo, from, to)) {
        const key = `${r.tender}\u0000${r.kind}`;
        const row = sums.get(key) ?? { tender: r.tender, kind: r.kind, count: 0, amountFen: 0 };
        row.count += 1;
        row.amountFen += r.amount_fen;
        sums.set(key, row);
      }
      const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return [...sums.values()].sort((a, b) => order(a.tender, b.tender) || order(a.kind, b.kind));
    },
  };
}
export type ShiftsRepo = ReturnType<typeof createShiftsRepo>;
