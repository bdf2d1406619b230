import type { Db } from '../connection';
import type { TransactionState } from '../../../preload/contract';

export interface SaleItemRecord {
  name: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

export type Tender = 'cash' | 'card' | 'qr';
export type TransactionType =
  'sale' | 'void' | 'refund' | 'preauth' | 'preauth_cancel' | 'preauth_complete';

/** Host facts of a card transaction (never the clear card number). */
export interface CardFacts {
  panMasked: string;
  cardForeign: boolean;
  entryMode: string;
  processingCode: string;
  messageTypeCode: string;
  responseCode: string | null;
  authCode: string | null;
  rrn: string | null;
  hostDate: string | null;
  hostTime: string | null;
  issuer: string | null;
  reversalReason: '98' | 'A0' | '06' | null;
}

export interface TransactionRecord {
  id: number;
  type: TransactionType;
  tender: Tender;
  state: TransactionState;
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  training: boolean;
  createdAt: number;
  updatedAt: number;
  items: SaleItemRecord[];
  card: CardFacts | null;
}

interface TxRow {
  id: number;
  type: TransactionType;
  tender: Tender;
  state: TransactionState;
  amount_fen: number;
  tendered_fen: number | null;
  change_fen: number | null;
  operator_no: string;
  batch_no: string;
  trace_no: string;
  training: number;
  created_at: number;
  updated_at: number;
  pan_masked: string | null;
  card_foreign: number | null;
  entry_mode: string | null;
  processing_code: string | null;
  message_type_code: string | null;
  response_code: string | null;
  auth_code: string | null;
  rrn: string | null;
  host_date: string | null;
  host_time: string | null;
  issuer: string | null;
  reversal_reason: CardFacts['reversalReason'];
}

interface ItemRow {
  name: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

export interface NewCashSale {
  state: TransactionState;
  amountFen: number;
  tenderedFen: number;
  changeFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  training: boolean;
  createdAt: number;
  items: SaleItemRecord[];
}

export interface NewCardTransaction {
  type: TransactionType;
  amountFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  training: boolean;
  createdAt: number;
  panMasked: string;
  /** Full card number and expiry, sealed (encrypted) by main/secrets. */
  cardSealed: Buffer;
  cardForeign: boolean;
  entryMode: string;
  processingCode: string;
  messageTypeCode: string;
  items?: SaleItemRecord[];
}

export interface HostAnswer {
  responseCode: string;
  authCode: string | null;
  rrn: string | null;
  hostDate: string | null;
  hostTime: string | null;
  issuer: string | null;
}

const COLUMNS = `id, type, tender, state, amount_fen, tendered_fen, change_fen, operator_no, batch_no,
  trace_no, training, created_at, updated_at, pan_masked, card_foreign, entry_mode, processing_code,
  message_type_code, response_code, auth_code, rrn, host_date, host_time, issuer, reversal_reason`;

export function createTransactionsRepo(db: Db) {
  const insertCash = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, tendered_fen, change_fen,
       operator_no, batch_no, trace_no, training, created_at, updated_at)
     VALUES ('sale', 'cash', @state, @amountFen, @tenderedFen, @changeFen,
       @operatorNo, @batchNo, @traceNo, @training, @createdAt, @createdAt)`,
  );
  const insertCard = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
       training, created_at, updated_at, pan_masked, card_sealed, card_foreign, entry_mode,
       processing_code, message_type_code)
     VALUES (@type, 'card', 'pending', @amountFen, @operatorNo, @batchNo, @traceNo,
       @training, @createdAt, @createdAt, @panMasked, @cardSealed, @cardForeign, @entryMode,
       @processingCode, @messageTypeCode)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO transaction_events (tx_id, from_state, to_state, at, operator_no, note)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const getTx = db.prepare<[number], TxRow>(`SELECT ${COLUMNS} FROM transactions WHERE id = ?`);
  const lastTx = db.prepare<[], TxRow>(
    `SELECT ${COLUMNS} FROM transactions ORDER BY id DESC LIMIT 1`,
  );
  const lastWithReceipt = db.prepare<[], TxRow>(
    `SELECT ${COLUMNS} FROM transactions WHERE state IN ('approved', 'voided', 'refunded') ORDER BY id DESC LIMIT 1`,
  );
  const items = db.prepare<[number], ItemRow>(
    'SELECT name, quantity, unit_price_fen, amount_fen FROM transaction_items WHERE tx_id = ? ORDER BY line_no',
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
  const pendingCard = db.prepare<[], TxRow>(
    `SELECT ${COLUMNS} FROM transactions WHERE tender = 'card' AND state = 'pending'`,
  );

  function hydrate(row: TxRow): TransactionRecord {
    return {
      id: row.id,
      type: row.type,
      tender: row.tender,
      state: row.state,
      amountFen: row.amount_fen,
      tenderedFen: row.tendered_fen,
      changeFen: row.change_fen,
      operatorNo: row.operator_no,
      batchNo: row.batch_no,
      traceNo: row.trace_no,
      training: row.training === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      items: items.all(row.id).map((i) => ({
        name: i.name,
        quantity: i.quantity,
        unitPriceFen: i.unit_price_fen,
        amountFen: i.amount_fen,
      })),
      card:
        row.tender === 'card' && row.pan_masked
          ? {
              panMasked: row.pan_masked,
              cardForeign: row.card_foreign === 1,
              entryMode: row.entry_mode ?? '',
              processingCode: row.processing_code ?? '',
              messageTypeCode: row.message_type_code ?? '',
              responseCode: row.response_code,
              authCode: row.auth_code,
              rrn: row.rrn,
              hostDate: row.host_date,
              hostTime: row.host_time,
              issuer: row.issuer,
              reversalReason: row.reversal_reason,
            }
          : null,
    };
  }

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
        insertCash.run({ ...sale, training: sale.training ? 1 : 0 }).lastInsertRowid,
      );
      sale.items.forEach((item, i) =>
        insertItem.run(id, i + 1, item.name, item.quantity, item.unitPriceFen, item.amountFen),
      );
      insertEvent.run(id, null, sale.state, sale.createdAt, sale.operatorNo, null);
      return id;
    },
    /** A card transaction about to be sent to the host: state 'pending'. */
    insertCardPending(tx: NewCardTransaction): number {
      const id = Number(
        insertCard.run({
          ...tx,
          training: tx.training ? 1 : 0,
          cardForeign: tx.cardForeign ? 1 : 0,
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
      if (setAnswer.run({ ...answer, id, state, now }).changes !== 1) {
        throw new Error(`transaction ${id} is not pending`);
      }
      insertEvent.run(id, 'pending', state, now, null, `response ${answer.responseCode}`);
      return state;
    },
    /** The request never left (no connection): nothing to reverse, the sale simply failed. */
    recordNotSent(id: number, now: number, why: string): void {
      transition(id, 'pending', 'declined', now, null, why);
    },
    recordReversalPending(id: number, reason: '98' | 'A0', now: number): void {
      if (setReversal.run(reason, now, id).changes !== 1)
        throw new Error(`transaction ${id} is not pending`);
      insertEvent.run(id, 'pending', 'reversal_pending', now, null, `reversal ${reason}`);
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
      const row = lastWithReceipt.get();
      return row ? hydrate(row) : null;
    },
  };
}
export type TransactionsRepo = ReturnType<typeof createTransactionsRepo>;
