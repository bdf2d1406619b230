import type { Db } from '../connection';
import type { SaleItemRecord, QrFacts } from './transactions';

export interface NewQrTransaction {
  type: 'sale' | 'refund';
  amountFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  training: boolean;
  createdAt: number;
  orderNo: string;
  wallet: QrFacts['wallet'];
  codeMasked: string | null;
  feeRateBp: number;
  /** For a refund: the payment it gives money back from. */
  original?: { txId: number; orderNo: string };
  items?: SaleItemRecord[];
  /** The order a QR sale pays. */
  orderId?: number | null;
}

export interface GatewayFacts {
  gatewayTxId?: string | null;
  payerMasked?: string | null;
  gatewayCode?: string | null;
  gatewayMessage?: string | null;
}

/** QR payments and refunds: the transaction row and its gateway facts, written together. */
export function createQrPaymentsRepo(db: Db) {
  const insertTx = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
       training, created_at, updated_at, original_tx_id, order_id)
     VALUES (@type, 'qr', 'pending', @amountFen, @operatorNo, @batchNo, @traceNo,
       @training, @createdAt, @createdAt, @originalTxId, @orderId)`,
  );
  const insertQr = db.prepare(
    `INSERT INTO qr_payments (tx_id, order_no, original_order_no, wallet, code_masked, fee_rate_bp)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO transaction_events (tx_id, from_state, to_state, at, operator_no, note)
     VALUES (?, NULL, 'pending', ?, ?, NULL)`,
  );
  const setFacts = db.prepare(
    `UPDATE qr_payments SET
       gateway_tx_id = coalesce(@gatewayTxId, gateway_tx_id),
       payer_masked = coalesce(@payerMasked, payer_masked),
       gateway_code = coalesce(@gatewayCode, gateway_code),
       gateway_message = coalesce(@gatewayMessage, gateway_message)
     WHERE tx_id = @txId`,
  );
  const openIds = db.prepare<[], { id: number }>(
    "SELECT id FROM transactions WHERE tender = 'qr' AND state IN ('pending', 'uncertain', 'cancel_pending') ORDER BY id",
  );

  return {
    /** A QR payment or refund about to go to the gateway: state 'pending'. */
    insertPending(tx: NewQrTransaction): number {
      const id = Number(
        insertTx.run({
          type: tx.type,
          amountFen: tx.amountFen,
          operatorNo: tx.operatorNo,
          batchNo: tx.batchNo,
          traceNo: tx.traceNo,
          training: tx.training ? 1 : 0,
          createdAt: tx.createdAt,
          originalTxId: tx.original?.txId ?? null,
          orderId: tx.orderId ?? null,
        }).lastInsertRowid,
      );
      insertQr.run(
        id,
        tx.orderNo,
        tx.original?.orderNo ?? null,
        tx.wallet,
        tx.codeMasked,
        tx.feeRateBp,
      );
      (tx.items ?? []).forEach((item, i) =>
        insertItem.run(id, i + 1, item.name, item.quantity, item.unitPriceFen, item.amountFen),
      );
      insertEvent.run(id, tx.createdAt, tx.operatorNo);
      return id;
    },
    /** Keeps what the gateway said; a fact not given now keeps its earlier value. */
    setFacts(txId: number, facts: GatewayFacts): void {
      setFacts.run({
        txId,
        gatewayTxId: facts.gatewayTxId ?? null,
        payerMasked: facts.payerMasked ?? null,
        gatewayCode: facts.gatewayCode ?? null,
        gatewayMessage: facts.gatewayMessage ?? null,
      });
    },
    /** QR transactions whose fate is not settled yet (for recovery and the status line). */
    openIds(): number[] {
      return openIds.all().map((r) => r.id);
    },
  };
}
export type QrPaymentsRepo = ReturnType<typeof createQrPaymentsRepo>;
