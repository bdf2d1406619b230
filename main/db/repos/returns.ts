import type { Db } from '../connection';

export type ReturnState = 'open' | 'done' | 'cancelled';
export type StepState = 'planned' | 'started' | 'done';

export interface ReturnLineRecord {
  id: number;
  orderLineId: number | null;
  name: string;
  quantity: number;
  amountFen: number;
}

export interface ReturnStepRecord {
  id: number;
  seq: number;
  paymentTxId: number | null;
  tender: 'card' | 'qr' | 'cash';
  kind: 'void' | 'refund' | 'cash';
  amountFen: number;
  state: StepState;
  txId: number | null;
  startedAt: number | null;
  /** The last transaction id when the step started (its own transaction comes after). */
  afterTxId: number | null;
  note: string | null;
}

export interface ReturnRecord {
  id: number;
  returnNo: string;
  orderId: number | null;
  state: ReturnState;
  totalFen: number;
  operatorNo: string;
  supervisorNo: string;
  reason: string | null;
  training: boolean;
  createdAt: number;
  updatedAt: number;
  doneAt: number | null;
  lines: ReturnLineRecord[];
  steps: ReturnStepRecord[];
}

/** What returns took of one order line (for the product reports and what is left). */
export interface ReturnedLineRecord {
  orderLineId: number;
  orderId: number;
  productId: number | null;
  code: string | null;
  name: string;
  quantity: number;
  amountFen: number;
}

/** A paid order a return may start from, as the search lists it. */
export interface ReturnableOrderRecord {
  id: number;
  orderNo: string;
  paidAt: number;
  totalFen: number;
  operatorNo: string;
}

interface ReturnRow {
  id: number;
  return_no: string;
  order_id: number | null;
  state: ReturnState;
  total_fen: number;
  operator_no: string;
  supervisor_no: string;
  reason: string | null;
  training: number;
  created_at: number;
  updated_at: number;
  done_at: number | null;
}

const STEP_COLUMNS = `id, seq, payment_tx_id AS paymentTxId, tender, kind, amount_fen AS amountFen,
  state, tx_id AS txId, started_at AS startedAt, after_tx_id AS afterTxId, note`;
const ORDER_LIST = `o.id, o.order_no AS orderNo, o.paid_at AS paidAt, o.total_fen AS totalFen,
  o.operator_no AS operatorNo`;

/** Returns by line (migration 016): the return, its lines, and the steps of its refund. */
export function createReturnsRepo(db: Db) {
  const nextSequence = db.prepare<[], { value: number }>(
    "UPDATE counters SET value = value + 1 WHERE name = 'return' RETURNING value",
  );
  const insertReturn = db.prepare(
    `INSERT INTO returns (return_no, order_id, state, total_fen, operator_no, supervisor_no, reason,
       training, created_at, updated_at)
     VALUES (@returnNo, @orderId, 'open', @totalFen, @operatorNo, @supervisorNo, @reason,
       @training, @now, @now)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO return_lines (return_id, order_line_id, name, quantity, amount_fen)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const insertStep = db.prepare(
    `INSERT INTO return_steps (return_id, seq, payment_tx_id, tender, kind, amount_fen, state)
     VALUES (?, ?, ?, ?, ?, ?, 'planned')`,
  );
  const getReturn = db.prepare<[number], ReturnRow>('SELECT * FROM returns WHERE id = ?');
  const lines = db.prepare<[number], ReturnLineRecord>(
    `SELECT id, order_line_id AS orderLineId, name, quantity, amount_fen AS amountFen
     FROM return_lines WHERE return_id = ? ORDER BY id`,
  );
  const steps = db.prepare<[number], ReturnStepRecord>(
    `SELECT ${STEP_COLUMNS} FROM return_steps WHERE return_id = ? ORDER BY seq`,
  );
  const byOrder = db.prepare<[number], { id: number }>(
    'SELECT id FROM returns WHERE order_id = ? ORDER BY id',
  );
  const open = db.prepare<[], { id: number }>(
    "SELECT id FROM returns WHERE state = 'open' ORDER BY created_at",
  );
  const returnedOfOrder = db.prepare<[number], ReturnedLineRecord>(
    `SELECT l.id AS orderLineId, l.order_id AS orderId, l.product_id AS productId, l.code, l.name,
       sum(rl.quantity) AS quantity, sum(rl.amount_fen) AS amountFen
     FROM order_lines l
     JOIN return_lines rl ON rl.order_line_id = l.id
     JOIN returns r ON r.id = rl.return_id AND r.state <> 'cancelled'
     WHERE l.order_id = ?
     GROUP BY l.id ORDER BY l.id`,
  );
  const returnedDone = db.prepare<[number, number], ReturnedLineRecord>(
    `SELECT l.id AS orderLineId, l.order_id AS orderId, l.product_id AS productId, l.code, l.name,
       sum(rl.quantity) AS quantity, sum(rl.amount_fen) AS amountFen
     FROM returns r
     JOIN return_lines rl ON rl.return_id = r.id
     JOIN order_lines l ON l.id = rl.order_line_id
     WHERE r.state = 'done' AND r.done_at >= ? AND r.done_at < ?
     GROUP BY l.id ORDER BY l.order_id, l.id`,
  );
  const setStepStarted = db.prepare(
    `UPDATE return_steps SET state = 'started', started_at = ?, note = NULL,
       after_tx_id = (SELECT coalesce(max(id), 0) FROM transactions)
     WHERE id = ? AND state = 'planned'`,
  );
  const setStep = db.prepare(
    'UPDATE return_steps SET state = @state, tx_id = @txId, note = @note WHERE id = @id',
  );
  const replanAsRefund = db.prepare(
    `UPDATE return_steps SET kind = 'refund', note = ?
      WHERE id = ? AND state = 'planned' AND kind = 'void'`,
  );
  const setState = db.prepare(
    `UPDATE returns SET state = @state, updated_at = @now,
       done_at = CASE WHEN @state = 'done' THEN @now ELSE done_at END
     WHERE id = @id AND state = 'open'`,
  );
  // A step's transaction that a crash kept from being linked: the newest
  // follow-up of its payment made after the step started and linked to no step.
  const unlinkedFollowUp = db.prepare<[number, number], { id: number }>(
    `SELECT t.id FROM transactions t
     WHERE t.original_tx_id = ? AND t.type IN ('void', 'refund') AND t.id > ?
       AND NOT EXISTS (SELECT 1 FROM return_steps s WHERE s.tx_id = t.id)
     ORDER BY t.id DESC LIMIT 1`,
  );
  const paidOn = db.prepare<[number, number], ReturnableOrderRecord>(
    `SELECT ${ORDER_LIST} FROM orders o
     WHERE o.state = 'paid' AND o.paid_at >= ? AND o.paid_at < ? ORDER BY o.paid_at DESC LIMIT 200`,
  );
  const paidByCard = db.prepare<[string, number, number], ReturnableOrderRecord>(
    `SELECT DISTINCT ${ORDER_LIST} FROM transactions t
     JOIN orders o ON o.id = t.order_id AND o.state = 'paid'
     WHERE t.pan_last4 = ? AND t.pan_masked IS NOT NULL AND t.created_at >= ? AND t.created_at < ?
       AND t.type = 'sale'
     ORDER BY o.paid_at DESC LIMIT 200`,
  );

  function hydrate(row: ReturnRow): ReturnRecord {
    return {
      id: row.id,
      returnNo: row.return_no,
      orderId: row.order_id,
      state: row.state,
      totalFen: row.total_fen,
      operatorNo: row.operator_no,
      supervisorNo: row.supervisor_no,
      reason: row.reason,
      training: row.training === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      doneAt: row.done_at,
      lines: lines.all(row.id),
      steps: steps.all(row.id),
    };
  }

  return {
    nextSequence(): number {
      const row = nextSequence.get();
      if (!row) throw new Error("counters has no 'return' row");
      return row.value;
    },
    create(r: {
      returnNo: string;
      orderId: number | null;
      totalFen: number;
      operatorNo: string;
      supervisorNo: string;
      reason: string | null;
      training: boolean;
      now: number;
    }): number {
      return Number(insertReturn.run({ ...r, training: r.training ? 1 : 0 }).lastInsertRowid);
    },
    /** Throws (the migration's trigger) when the line has less left than this takes. */
    insertLine(returnId: number, l: Omit<ReturnLineRecord, 'id'>): void {
      insertLine.run(returnId, l.orderLineId, l.name, l.quantity, l.amountFen);
    },
    insertStep(
      returnId: number,
      seq: number,
      s: Pick<ReturnStepRecord, 'paymentTxId' | 'tender' | 'kind' | 'amountFen'>,
    ): void {
      insertStep.run(returnId, seq, s.paymentTxId, s.tender, s.kind, s.amountFen);
    },
    get(id: number): ReturnRecord | null {
      const row = getReturn.get(id);
      return row ? hydrate(row) : null;
    },
    byOrder(orderId: number): ReturnRecord[] {
      return byOrder.all(orderId).flatMap(({ id }) => this.get(id) ?? []);
    },
    /** Returns whose refund is not finished (a restart or a declined step left them). */
    openIds(): number[] {
      return open.all().map((r) => r.id);
    },
    /** What returns that are not cancelled took of each line of an order. */
    returnedOfOrder(orderId: number): ReturnedLineRecord[] {
      return returnedOfOrder.all(orderId);
    },
    /**
     * For the product reports: per order line, the quantity and money of
     * returns finished in [fromMs, toMs). Lines without the original are not
     * here (they belong to no product line).
     */
    returnedByOrderLine(fromMs: number, toMs: number): ReturnedLineRecord[] {
      return returnedDone.all(fromMs, toMs);
    },
    markStarted(stepId: number, now: number): boolean {
      return setStepStarted.run(now, stepId).changes === 1;
    },
    setStep(stepId: number, state: StepState, txId: number | null, note: string | null): void {
      setStep.run({ id: stepId, state, txId, note });
    },
    /** A planned card void whose batch has settled since goes back as a 退货 instead. */
    replanAsRefund(stepId: number, note: string): boolean {
      return replanAsRefund.run(note, stepId).changes === 1;
    },
    setState(returnId: number, state: 'done' | 'cancelled', now: number): boolean {
      return setState.run({ id: returnId, state, now }).changes === 1;
    },
    unlinkedFollowUp(paymentTxId: number, afterTxId: number): number | null {
      return unlinkedFollowUp.get(paymentTxId, afterTxId)?.id ?? null;
    },
    /** Paid orders of a period (newest first), optionally those a card ending in `last4` paid. */
    paidOrders(fromMs: number, toMs: number, last4?: string): ReturnableOrderRecord[] {
      return last4 ? paidByCard.all(last4, fromMs, toMs) : paidOn.all(fromMs, toMs);
    },
  };
}
export type ReturnsRepo = ReturnType<typeof createReturnsRepo>;
