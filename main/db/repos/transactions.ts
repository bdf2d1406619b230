import type { Db } from '../connection';
import { maskDigitRuns } from '../../domain/pan';
import type { TransactionState } from '../../../preload/contract';
import {
  COLUMNS,
  FROM,
  hydrateTransaction,
  type HostAnswer,
  type ItemRow,
  type NewCardTransaction,
  type NewCashSale,
  type TransactionRecord,
  type TxRow,
} from './transaction-records';

export type {
  CardFacts,
  HostAnswer,
  NewCardTransaction,
  NewCashSale,
  QrFacts,
  SaleItemRecord,
  Tender,
  TransactionRecord,
  TransactionType,
} from './transaction-records';

export function createTransactionsRepo(db: Db) {
  const insertCash = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, tendered_fen, change_fen,
       operator_no, batch_no, trace_no, training, created_at, updated_at, order_id)
     VALUES ('sale', 'cash', @state, @amountFen, @tenderedFen, @changeFen,
       @operatorNo, @batchNo, @traceNo, @training, @createdAt, @createdAt, @orderId)`,
  );
  const insertCard = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
       training, created_at, updated_at, pan_masked, card_sealed, card_foreign, entry_mode,
       processing_code, message_type_code, original_tx_id, order_id)
     VALUES (@type, 'card', 'pending', @amountFen, @operatorNo, @batchNo, @traceNo,
       @training, @createdAt, @createdAt, @panMasked, @cardSealed, @cardForeign, @entryMode,
       @processingCode, @messageTypeCode, @originalTxId, @orderId)`,
  );
  const insertCashFollowUp = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
       training, created_at, updated_at, original_tx_id)
     VALUES (@type, 'cash', 'approved', @amountFen, @operatorNo, @batchNo, @traceNo,
       @training, @createdAt, @createdAt, @originalTxId)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO transaction_events (tx_id, from_state, to_state, at, operator_no, note)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const getTx = db.prepare<[number], TxRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE id = +?`);
  const lastTx = db.prepare<[], TxRow>(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY id DESC LIMIT 1`);
  // Looked for newest first, a window of ids at a time: no index on state would
  // narrow 'approved' down (nearly every row is), and a walk by id stops early.
  // The + keeps SQLite from choosing the state index (and sorting its rows).
  const lastWithReceiptIn = db.prepare<[number, number], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE id <= +? AND id > +? AND +state IN ('approved', 'voided', 'refunded')
     ORDER BY id DESC LIMIT 1`,
  );
  const maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM transactions');
  const items = db.prepare<[number], ItemRow>(
    'SELECT name, quantity, unit_price_fen, amount_fen FROM transaction_items WHERE tx_id = +? ORDER BY line_no',
  );
  const stateOf = db.prepare<[number], { state: TransactionState }>(
    'SELECT state FROM transactions WHERE id = ?',
  );
  const setState = db.prepare(
    'UPDATE transactions SET state = ?, updated_at = ? WHERE id = ? AND state = ?',
  );
  const setAnswer = db.prepare(
    `UPDATE transactions SET state = @state, updated_at = @now, response_code = @responseCode,
       auth_code = @authCode, rrn = @rrn, host_date = @hostDate, host_time = @hostTime, issuer = @issuer
     WHERE id = @id AND state = 'pending'`,
  );
  const setReversal = db.prepare(
    `UPDATE transactions SET state = 'reversal_pending', reversal_reason = ?, updated_at = ?
     WHERE id = ? AND state = 'pending'`,
  );
  const sealed = db.prepare<[number], { card_sealed: Buffer | null }>(
    'SELECT card_sealed FROM transactions WHERE id = ?',
  );
  // Refunds that are approved or may yet be (pending, uncertain) count against the original.
  const refunded = db.prepare<[number], { total: number | null }>(
    `SELECT sum(amount_fen) AS total FROM transactions
     WHERE original_tx_id = ? AND type = 'refund' AND state IN ('approved', 'pending', 'uncertain')`,
  );
  const refundIds = db.prepare<[number], { id: number }>(
    "SELECT id FROM transactions WHERE original_tx_id = ? AND type = 'refund' ORDER BY id",
  );
  const byRrn = db.prepare<[string], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE rrn = +? AND tender = 'card' AND type IN ('sale', 'preauth_complete')`,
  );
  const followUps = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM transactions
     WHERE original_tx_id = ? AND type IN ('preauth_cancel', 'preauth_complete')
       AND state IN ('approved', 'pending', 'reversal_pending')`,
  );
  const openPreauths = db.prepare<[], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE type = 'preauth' AND state = 'approved'
       AND NOT EXISTS (SELECT 1 FROM transactions f WHERE f.original_tx_id = transactions.id
         AND f.type IN ('preauth_cancel', 'preauth_complete') AND f.state = 'approved')
     ORDER BY id DESC`,
  );
  const byTrace = db.prepare<[string, string], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE batch_no = +? AND trace_no = +?`,
  );
  const page = db.prepare<[number, number], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE id < +? ORDER BY id DESC LIMIT +?`,
  );
  const history = db.prepare<
    [number],
    {
      from_state: TransactionState | null;
      to_state: TransactionState;
      at: number;
      operator_no: string | null;
      note: string | null;
    }
  >(
    'SELECT from_state, to_state, at, operator_no, note FROM transaction_events WHERE tx_id = ? ORDER BY id',
  );
  const byOrder = db.prepare<[number], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE transactions.order_id = +? AND type = 'sale' ORDER BY id`,
  );
  // Named: without statistics the planner may take (state, created_at), whose 'pending' key it
  // can't tell from 'approved' (the whole history); the partial index holds only undecided rows (its WHERE is repeated so SQLite may use it).
  const pendingCard = db.prepare<[], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM.replace('transactions ', 'transactions INDEXED BY transactions_state ')}
      WHERE state IN ('pending', 'reversal_pending', 'uncertain', 'cancel_pending')
        AND state = 'pending' AND tender = 'card'`,
  );
  // The same partial index: only undecided rows, however long the history.
  const uncertainCardRefunds = db.prepare<[string], TxRow>(
    `SELECT ${COLUMNS} FROM ${FROM.replace('transactions ', 'transactions INDEXED BY transactions_state ')}
      WHERE state IN ('pending', 'reversal_pending', 'uncertain', 'cancel_pending')
        AND state = 'uncertain' AND type = 'refund' AND tender = 'card' AND batch_no = ?
      ORDER BY transactions.id`,
  );

  const hydrate = (row: TxRow): TransactionRecord => hydrateTransaction(row, items.all(row.id));

  /** Moves a transaction from one state to the next and records it; false if it wasn't in `from`. */
  function transition(
    id: number,
    from: TransactionState,
    to: TransactionState,
    now: number,
    operatorNo: string | null,
    note: string | null,
  ): boolean {
    if (setState.run(to, now, id, from).changes !== 1) return false;
    insertEvent.run(id, from, to, now, operatorNo, note);
    return true;
  }

  return {
    /** Inserts a completed cash sale with its lines and its first history entry. */
    insertCashSale(sale: NewCashSale): number {
      const id = Number(
        insertCash.run({
          ...sale,
          training: sale.training ? 1 : 0,
          orderId: sale.orderId ?? null,
        }).lastInsertRowid,
      );
      sale.items.forEach((item, i) =>
        insertItem.run(id, i + 1, item.name, item.quantity, item.unitPriceFen, item.amountFen),
      );
      insertEvent.run(id, null, sale.state, sale.createdAt, sale.operatorNo, null);
      return id;
    },
    /** A cash void or refund: the money goes back over the counter, nothing to ask anyone. */
    insertCashFollowUp(v: {
      type: 'void' | 'refund';
      amountFen: number;
      operatorNo: string;
      batchNo: string;
      traceNo: string;
      training: boolean;
      createdAt: number;
      /** null: a return without the original (按商品退货, cash only). */
      originalTxId: number | null;
    }): number {
      const id = Number(
        insertCashFollowUp.run({ ...v, training: v.training ? 1 : 0 }).lastInsertRowid,
      );
      insertEvent.run(
        id,
        null,
        'approved',
        v.createdAt,
        v.operatorNo,
        v.originalTxId === null ? `${v.type} without original` : `${v.type} of #${v.originalTxId}`,
      );
      return id;
    },
    /** A card transaction about to be sent to the host: state 'pending'. */
    insertCardPending(tx: NewCardTransaction): number {
      const id = Number(
        insertCard.run({
          ...tx,
          training: tx.training ? 1 : 0,
          cardForeign: tx.cardForeign ? 1 : 0,
          originalTxId: tx.originalTxId ?? null,
          orderId: tx.orderId ?? null,
        }).lastInsertRowid,
      );
      (tx.items ?? []).forEach((item, i) =>
        insertItem.run(id, i + 1, item.name, item.quantity, item.unitPriceFen, item.amountFen),
      );
      insertEvent.run(id, null, 'pending', tx.createdAt, tx.operatorNo, null);
      return id;
    },
    /** The host answered (validly): approved on 00, declined otherwise. */
    recordAnswer(id: number, answer: HostAnswer, now: number): TransactionState {
      const state: TransactionState = answer.responseCode === '00' ? 'approved' : 'declined';
      // The issuer name is the host's free text: a host that echoes the card
      // number (or track data) there must not put it in the database, on the
      // receipt or in the transaction list in clear.
      const issuer = answer.issuer === null ? null : maskDigitRuns(answer.issuer);
      if (setAnswer.run({ ...answer, issuer, id, state, now }).changes !== 1) {
        throw new Error(`transaction ${id} is not pending`);
      }
      insertEvent.run(id, 'pending', state, now, null, `response ${answer.responseCode}`);
      return state;
    },
    /** The request never left (no connection): nothing to reverse, the sale simply failed. */
    recordNotSent(id: number, now: number, why: string): void {
      transition(id, 'pending', 'declined', now, null, why);
    },
    /** `fault`: what was wrong with the answer, kept in the history for the technician. */
    recordReversalPending(id: number, reason: '98' | 'A0', now: number, fault?: string): void {
      if (setReversal.run(reason, now, id).changes !== 1)
        throw new Error(`transaction ${id} is not pending`);
      const note = fault ? `reversal ${reason}: ${fault.slice(0, 200)}` : `reversal ${reason}`;
      insertEvent.run(id, 'pending', 'reversal_pending', now, null, note);
    },
    recordReversed(id: number, now: number, note: string): boolean {
      return transition(id, 'reversal_pending', 'reversed', now, null, note);
    },
    transition,
    state(id: number): TransactionState | null {
      return stateOf.get(id)?.state ?? null;
    },
    cardSealed(id: number): Buffer | null {
      return sealed.get(id)?.card_sealed ?? null;
    },
    /** Card transactions left 'pending' (a crash between arming and the answer). */
    pendingCard(): TransactionRecord[] {
      return pendingCard.all().map(hydrate);
    },
    /** Card 退货 of a batch left without an answer, waiting for the supervisor to settle them. */
    uncertainCardRefunds(batchNo: string): TransactionRecord[] {
      return uncertainCardRefunds.all(batchNo).map(hydrate);
    },
    /** Money already given back (or on its way) from a sale. */
    refundedFen(originalTxId: number): number {
      return refunded.get(originalTxId)?.total ?? 0;
    },
    refundIds(originalTxId: number): number[] {
      return refundIds.all(originalTxId).map((r) => r.id);
    },
    /** A card sale by its host reference number (RRNs are unique per host). */
    byRrn(rrn: string): TransactionRecord | null {
      const row = byRrn.get(rrn);
      return row ? hydrate(row) : null;
    },
    /** A pre-auth already completed or cancelled (or on its way to be). */
    hasApprovedFollowUp(preauthId: number): boolean {
      return (followUps.get(preauthId)?.n ?? 0) > 0;
    },
    openPreauths(): TransactionRecord[] {
      return openPreauths.all().map(hydrate);
    },
    /** An order's payments (PRODUCT.md §12), oldest first, declined and reversed ones too. */
    byOrder(orderId: number): TransactionRecord[] {
      return byOrder.all(orderId).map(hydrate);
    },
    /** A transaction by its voucher number within a batch. */
    byTrace(batchNo: string, traceNo: string): TransactionRecord | null {
      const row = byTrace.get(batchNo, traceNo);
      return row ? hydrate(row) : null;
    },
    /** Newest first, older than `beforeId`. */
    list(limit: number, beforeId = Number.MAX_SAFE_INTEGER): TransactionRecord[] {
      return page.all(beforeId, limit).map(hydrate);
    },
    /** Every state the transaction went through, oldest first. */
    history(id: number) {
      return history.all(id).map((e) => ({
        from: e.from_state,
        to: e.to_state,
        at: e.at,
        operatorNo: e.operator_no,
        note: e.note,
      }));
    },
    get(id: number): TransactionRecord | null {
      const row = getTx.get(id);
      return row ? hydrate(row) : null;
    },
    last(): TransactionRecord | null {
      const row = lastTx.get();
      return row ? hydrate(row) : null;
    },
    /** The latest transaction that printed a receipt (what "reprint last" means). */
    lastWithReceipt(): TransactionRecord | null {
      const WINDOW = 100;
      for (let top = maxId.get()?.id ?? 0; top > 0; top -= WINDOW) {
        const row = lastWithReceiptIn.get(top, top - WINDOW);
        if (row) return hydrate(row);
      }
      return null;
    },
  };
}
export type TransactionsRepo = ReturnType<typeof createTransactionsRepo>;
