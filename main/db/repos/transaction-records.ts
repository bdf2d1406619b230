import type { TransactionState } from '../../../preload/contract';

/**
 * What a transaction is in the repository's hands (records and the rows they
 * come from), kept apart from the statements of repos/transactions.ts.
 */
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

/** Gateway facts of a QR payment or refund (never the payment code itself). */
export interface QrFacts {
  wallet: 'wechat' | 'alipay' | 'unionpay';
  /** The payment's order number, or a refund's own refund number. */
  orderNo: string;
  /** For a refund: the order number of the payment it gives money back from. */
  originalOrderNo: string | null;
  codeMasked: string | null;
  gatewayTxId: string | null;
  payerMasked: string | null;
  gatewayCode: string | null;
  gatewayMessage: string | null;
  feeRateBp: number;
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
  qr: QrFacts | null;
  /** A refund's (or void's) original transaction. */
  originalTxId: number | null;
  /** The order a sale pays (PRODUCT.md §12); null for history from before orders. */
  orderId: number | null;
}

export interface TxRow {
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
  original_tx_id: number | null;
  tx_order_id: number | null;
  order_no: string | null;
  original_order_no: string | null;
  wallet: QrFacts['wallet'] | null;
  code_masked: string | null;
  gateway_tx_id: string | null;
  payer_masked: string | null;
  gateway_code: string | null;
  gateway_message: string | null;
  fee_rate_bp: number | null;
}

export interface ItemRow {
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
  orderId?: number | null;
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
  /** A void's (or refund's) original transaction. */
  originalTxId?: number | null;
  /** The order a card sale pays. */
  orderId?: number | null;
}

export interface HostAnswer {
  responseCode: string;
  authCode: string | null;
  rrn: string | null;
  hostDate: string | null;
  hostTime: string | null;
  issuer: string | null;
}

export const COLUMNS = `id, type, tender, state, amount_fen, tendered_fen, change_fen, operator_no, batch_no,
  trace_no, training, created_at, updated_at, pan_masked, card_foreign, entry_mode, processing_code,
  message_type_code, response_code, auth_code, rrn, host_date, host_time, issuer, reversal_reason,
  original_tx_id, transactions.order_id AS tx_order_id, order_no, original_order_no, wallet, code_masked, gateway_tx_id, payer_masked,
  gateway_code, gateway_message, fee_rate_bp`;
/**
 * A QR payment's facts live beside its transaction (migration 003).
 *
 * Parameters compared in a join or before an ORDER BY are written `+?`: for
 * a bare `?` SQLite's constant propagation looks at the bound value, so each
 * new value makes it prepare the statement again (tens of µs every run). `+?`
 * is the same value as an expression: same plan, prepared once.
 */
export const FROM = 'transactions LEFT JOIN qr_payments ON qr_payments.tx_id = transactions.id';

/** A row (with its QR facts) and its items as the record the services use. */
export function hydrateTransaction(row: TxRow, items: readonly ItemRow[]): TransactionRecord {
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
    items: items.map((i) => ({
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
    qr:
      row.order_no && row.wallet
        ? {
            wallet: row.wallet,
            orderNo: row.order_no,
            originalOrderNo: row.original_order_no,
            codeMasked: row.code_masked,
            gatewayTxId: row.gateway_tx_id,
            payerMasked: row.payer_masked,
            gatewayCode: row.gateway_code,
            gatewayMessage: row.gateway_message,
            feeRateBp: row.fee_rate_bp ?? 0,
          }
        : null,
    originalTxId: row.original_tx_id,
    orderId: row.tx_order_id,
  };
}
