import type { TransactionView } from '../../preload/contract';
import { iso } from '../core/clock';
import type { Repositories } from '../db';
import { fail } from '../domain/errors';
import type { CardRefundService } from './card-refund-service';
import type { QrRefundService } from './qr-refund-service';
import { toTransactionView } from './sale-service';

/** 交易查询: the journal as the cashier and the supervisor look it up. */
export function createHistoryService(deps: {
  repos: Repositories;
  qrRefund: QrRefundService;
  cardRefund: CardRefundService;
}) {
  const { repos } = deps;
  return {
    list(limit: number, beforeId?: number): TransactionView[] {
      return repos.transactions.list(limit, beforeId).map(toTransactionView);
    },
    detail(id: number) {
      const tx = repos.transactions.get(id);
      if (!tx) fail('TRANSACTION_NOT_FOUND', { txId: id });
      const refunds = repos.transactions
        .refundIds(id)
        .map((rid) => repos.transactions.get(rid))
        .filter((r) => r !== null);
      return {
        transaction: toTransactionView(tx),
        events: repos.transactions.history(id).map((e) => ({ ...e, at: iso(e.at) })),
        refunds: refunds.map(toTransactionView),
        refundableFen:
          tx.tender === 'card'
            ? deps.cardRefund.refundableFen(tx)
            : deps.qrRefund.refundableFen(tx),
      };
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
