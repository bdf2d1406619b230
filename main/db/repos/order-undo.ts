import type { Db } from '../connection';

export interface OrderUndoRecord {
  orderId: number;
  operatorNo: string;
  approvedBy: string;
  startedAt: number;
  finishedAt: number | null;
}

export interface UndoStepRecord {
  id: number;
  orderId: number;
  seq: number;
  paymentTxId: number;
  state: 'todo' | 'done';
  attempts: number;
  lastError: { code: string; params?: Record<string, string | number> } | null;
  updatedAt: number;
}

type StepRow = {
  id: number;
  order_id: number;
  seq: number;
  payment_tx_id: number;
  state: 'todo' | 'done';
  attempts: number;
  last_error: string | null;
  updated_at: number;
};

const hydrateStep = (r: StepRow): UndoStepRecord => ({
  id: r.id,
  orderId: r.order_id,
  seq: r.seq,
  paymentTxId: r.payment_tx_id,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error ? (JSON.parse(r.last_error) as UndoStepRecord['lastError']) : null,
  updatedAt: r.updated_at,
});

/**
 * The undo of an abandoned, partly paid order (migration order-undo): the
 * abandon itself and one step per payment. Steps become done by trigger when
 * their payment is voided or refunded; this repository only starts abandons,
 * reads them and notes failed attempts.
 */
export function createOrderUndoRepo(db: Db) {
  const insertUndo = db.prepare(
    `INSERT INTO order_undos (order_id, operator_no, approved_by, started_at)
     VALUES (?, ?, ?, ?)`,
  );
  const insertStep = db.prepare(
    `INSERT INTO order_undo_steps (order_id, seq, payment_tx_id, state, updated_at)
     VALUES (?, ?, ?, 'todo', ?)`,
  );
  const getUndo = db.prepare<
    [number],
    {
      order_id: number;
      operator_no: string;
      approved_by: string;
      started_at: number;
      finished_at: number | null;
    }
  >(
    `SELECT order_id, operator_no, approved_by, started_at, finished_at
       FROM order_undos WHERE order_id = ?`,
  );
  const steps = db.prepare<[number], StepRow>(
    `SELECT id, order_id, seq, payment_tx_id, state, attempts, last_error, updated_at
       FROM order_undo_steps WHERE order_id = +? ORDER BY seq`,
  );
  const noteFailure = db.prepare(
    `UPDATE order_undo_steps SET attempts = attempts + 1, last_error = ?, updated_at = ?
      WHERE id = ? AND state = 'todo'`,
  );
  const unfinished = db.prepare<[], { order_id: number }>(
    'SELECT order_id FROM order_undos WHERE finished_at IS NULL ORDER BY order_id',
  );
  // A void or refund of the payment whose outcome is not known yet (a reversal
  // or the outbox will settle it): the step waits for it rather than starting another.
  const inFlight = db.prepare<[number], { id: number }>(
    `SELECT id FROM transactions
      WHERE original_tx_id = ? AND type IN ('void', 'refund')
        AND state IN ('pending', 'uncertain', 'reversal_pending', 'cancel_pending')
      LIMIT 1`,
  );

  return {
    /** Starts the abandon with its steps (payments in the order they are undone). */
    start(
      orderId: number,
      operatorNo: string,
      approvedBy: string,
      paymentTxIds: number[],
      now: number,
    ): void {
      insertUndo.run(orderId, operatorNo, approvedBy, now);
      paymentTxIds.forEach((txId, i) => insertStep.run(orderId, i + 1, txId, now));
    },
    get(orderId: number): OrderUndoRecord | null {
      const r = getUndo.get(orderId);
      return r
        ? {
            orderId: r.order_id,
            operatorNo: r.operator_no,
            approvedBy: r.approved_by,
            startedAt: r.started_at,
            finishedAt: r.finished_at,
          }
        : null;
    },
    /** True once an abandon of the order was approved (finished or not). */
    started(orderId: number): boolean {
      return getUndo.get(orderId) !== undefined;
    },
    steps(orderId: number): UndoStepRecord[] {
      return steps.all(orderId).map(hydrateStep);
    },
    failed(
      stepId: number,
      error: { code: string; params?: Record<string, string | number> },
      now: number,
    ): void {
      noteFailure.run(JSON.stringify(error), now, stepId);
    },
    /** Orders whose abandon a crash or a failure left unfinished. */
    unfinished(): number[] {
      return unfinished.all().map((r) => r.order_id);
    },
    /** The id of a void or refund of the payment still awaiting its outcome, if any. */
    inFlight(paymentTxId: number): number | null {
      return inFlight.get(paymentTxId)?.id ?? null;
    },
  };
}
export type OrderUndoRepo = ReturnType<typeof createOrderUndoRepo>;
