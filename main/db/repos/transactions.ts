import type { Db } from '../connection';
import type { TransactionState } from '../../../preload/contract';

export interface SaleItemRecord {
  name: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

export interface TransactionRecord {
  id: number;
  type: 'sale';
  tender: 'cash' | 'card' | 'qr';
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
}

interface TxRow {
  id: number;
  type: 'sale';
  tender: 'cash' | 'card' | 'qr';
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
}

interface ItemRow {
  name: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

export type NewCashSale = Omit<TransactionRecord, 'id' | 'updatedAt' | 'type' | 'tender'>;

export function createTransactionsRepo(db: Db) {
  const insertTx = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, tendered_fen, change_fen,
       operator_no, batch_no, trace_no, training, created_at, updated_at)
     VALUES ('sale', 'cash', @state, @amountFen, @tenderedFen, @changeFen,
       @operatorNo, @batchNo, @traceNo, @training, @createdAt, @createdAt)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO transaction_events (tx_id, from_state, to_state, at, operator_no, note)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const getTx = db.prepare<[number], TxRow>('SELECT * FROM transactions WHERE id = ?');
  const lastTx = db.prepare<[], TxRow>('SELECT * FROM transactions ORDER BY id DESC LIMIT 1');
  const items = db.prepare<[number], ItemRow>(
    'SELECT name, quantity, unit_price_fen, amount_fen FROM transaction_items WHERE tx_id = ? ORDER BY line_no',
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
    };
  }

  return {
    /** Inserts a completed cash sale with its lines and its first history entry. */
    insertCashSale(sale: NewCashSale): number {
      const id = Number(insertTx.run({ ...sale, training: sale.training ? 1 : 0 }).lastInsertRowid);
      sale.items.forEach((item, i) =>
        insertItem.run(id, i + 1, item.name, item.quantity, item.unitPriceFen, item.amountFen),
      );
      insertEvent.run(id, null, sale.state, sale.createdAt, sale.operatorNo, null);
      return id;
    },
    get(id: number): TransactionRecord | null {
      const row = getTx.get(id);
      return row ? hydrate(row) : null;
    },
    last(): TransactionRecord | null {
      const row = lastTx.get();
      return row ? hydrate(row) : null;
    },
  };
}
export type TransactionsRepo = ReturnType<typeof createTransactionsRepo>;
