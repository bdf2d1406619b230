import type { TransactionView } from '../../../preload/contract';
import { iso } from '../../core/clock';
import type { Repositories } from '../../db';
import { fail } from '../../domain/errors';
import type { CardRefundService } from '../refunds/card-refund-service';
import type { CashRefundService } from '../refunds/cash-refund-service';
import type { QrRefundService } from '../refunds/qr-refund-service';
import { localDate } from '../printing/receipts';
import { toTransactionView } from '../checkout/transaction-view';

/** 交易查询: the journal as the cashier and the supervisor look it up. */
export function createHistoryService(deps: {
  repos: Repositories;
  qrRefund: QrRefundService;
  cardRefund: CardRefundService;
  cashRefund: CashRefundService;
}) {
  const { repos } = deps;
  return {
    list(limit: number, beforeId?: number): TransactionView[] {
      return repos.transactions.list(limit, beforeId).map(toTransactionView);
    },
    /**
     * The original of a void or refund as the cashier keys it in: a voucher
     * number of the open batch (or of `batchNo`), or a card sale's reference
     * number and local date.
     */
    find(by: { traceNo?: string; batchNo?: string; rrn?: string; date?: string }): { id: number } {
      if (by.traceNo !== undefined && by.batchNo === undefined) {
        const batchNo = repos.counters.peekBatch();
        const tx = batchNo ? repos.transactions.byTrace(batchNo, by.traceNo) : null;
        if (!tx) fail('VOID_NOT_FOUND', { traceNo: by.traceNo });
        return { id: tx.id };
      }
      if (by.traceNo !== undefined && by.batchNo !== undefined) {
        const tx = repos.transactions.byTrace(by.batchNo, by.traceNo);
        if (!tx) fail('VOUCHER_NOT_FOUND', { batchNo: by.batchNo, traceNo: by.traceNo });
        return { id: tx.id };
      }
      const tx = by.rrn ? repos.transactions.byRrn(by.rrn) : null;
      if (!tx || localDate(tx.createdAt) !== by.date)
        fail('REFUND_ORIGINAL_NOT_FOUND', { rrn: by.rrn ?? '', date: by.date ?? '' });
      return { id: tx.id };
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
        refundableFen: { card: deps.cardRefund, cash: deps.cashRefund, qr: deps.qrRefund }[
          tx.tender
        ].refundableFen(tx),
        // Void before settlement, refund after: a settled (or settling) sale offers no void.
        voidable:
          tx.type === 'sale' &&
          tx.state === 'approved' &&
          tx.tender !== 'qr' &&
          repos.counters.batchState(tx.batchNo) === 'open',
      };
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
