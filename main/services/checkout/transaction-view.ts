import type { TransactionView } from '../../../preload/contract';
import { iso } from '../../core/clock';
import type { TransactionRecord } from '../../db';

/** A transaction as the screens see it: masked card and payment code, ISO times. */
export function toTransactionView(tx: TransactionRecord): TransactionView {
  return {
    id: tx.id,
    type: tx.type,
    tender: tx.tender,
    state: tx.state,
    amountFen: tx.amountFen,
    tenderedFen: tx.tenderedFen,
    changeFen: tx.changeFen,
    operatorNo: tx.operatorNo,
    batchNo: tx.batchNo,
    traceNo: tx.traceNo,
    createdAt: iso(tx.createdAt),
    training: tx.training,
    items: tx.items,
    card: tx.card
      ? {
          panMasked: tx.card.panMasked,
          entryMode: tx.card.entryMode,
          responseCode: tx.card.responseCode,
          authCode: tx.card.authCode,
          rrn: tx.card.rrn,
          issuer: tx.card.issuer,
          reversalReason: tx.card.reversalReason,
        }
      : null,
    qr: tx.qr
      ? {
          wallet: tx.qr.wallet,
          orderNo: tx.qr.orderNo,
          originalOrderNo: tx.qr.originalOrderNo,
          codeMasked: tx.qr.codeMasked,
          payerMasked: tx.qr.payerMasked,
          gatewayTxId: tx.qr.gatewayTxId,
          gatewayCode: tx.qr.gatewayCode,
        }
      : null,
    originalTxId: tx.originalTxId,
    orderId: tx.orderId,
  };
}
