import {
  type ApprovalAction,
  formatFen,
  type PrintJob,
  type Session,
  type TransactionView,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { printReceipts } from '../printing/receipts';
import { leftAfterSettlement, markRefundedWhenFull, requireRefundable } from './refund-rules';
import { toTransactionView } from '../checkout/transaction-view';

export interface CashRefundOutcome {
  outcome: 'approved';
  transaction: TransactionView;
  printJobs: PrintJob[];
}

/**
 * 退货 of a cash sale after settlement (PRODUCT.md §4). A cash sale has no host
 * reference number, so it is found by its batch and voucher numbers (both on
 * the customer's receipt). The money goes back over the counter (the drawer
 * opens); partial and repeated refunds up to the original, within the maximum
 * refund parameter, each approved by the supervisor at the moment. Before
 * settlement the sale is voided instead.
 */
export function createCashRefundService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  print: PrintService;
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
}) {
  const { repos, settings, clock } = deps;

  function refundableFen(tx: TransactionRecord): number {
    if (tx.tender !== 'cash' || tx.type !== 'sale') return 0;
    return leftAfterSettlement(repos, tx);
  }

  function findOriginal(batchNo: string, traceNo: string): TransactionRecord {
    const original = repos.transactions.byTrace(batchNo, traceNo);
    if (!original || original.tender !== 'cash' || original.type !== 'sale')
      fail('VOUCHER_NOT_FOUND', { batchNo, traceNo });
    requireRefundable(repos, original);
    return original;
  }

  return {
    refundableFen,

    async refund(
      input: {
        batchNo: string;
        traceNo: string;
        amountFen: number;
        supervisor: { operatorNo: string; password: string };
      },
      session: Session,
    ): Promise<CashRefundOutcome> {
      const p = settings.get();
      if (!p.enabled.refund) fail('REFUND_NOT_ALLOWED', { reason: 'disabled' });
      const original = findOriginal(input.batchNo, input.traceNo);
      const left = Math.min(refundableFen(original), p.enabled.maxRefundFen);
      if (input.amountFen > left) fail('REFUND_EXCEEDS', { refundable: formatFen(left) });
      const supervisorNo = await deps.approve(
        input.supervisor.operatorNo,
        input.supervisor.password,
        'cash.refund',
        {
          txId: original.id,
          batchNo: input.batchNo,
          traceNo: input.traceNo,
          amountFen: input.amountFen,
        },
      );
      return refundOriginal(
        original,
        input.amountFen,
        session,
        supervisorNo,
        p.enabled.maxRefundFen,
      );
    },

    /**
     * Hands back a settled cash sale the supervisor already approved giving
     * back (a payment of an abandoned order, PRODUCT.md §12); the drawer opens.
     */
    refundApproved(
      original: TransactionRecord,
      amountFen: number,
      session: Session,
      supervisorNo: string,
    ): CashRefundOutcome {
      requireRefundable(repos, original);
      return refundOriginal(original, amountFen, session, supervisorNo, Number.MAX_SAFE_INTEGER);
    },
  };

  function refundOriginal(
    original: TransactionRecord,
    amountFen: number,
    session: Session,
    supervisorNo: string,
    maxFen: number,
  ): CashRefundOutcome {
    const p = settings.get();
    const input = { amountFen };
    const now = clock.now();
    const txId = repos.inTransaction(() => {
      // Checked again under the write lock: two refunds at once can't both fit.
      const stillLeft = Math.min(refundableFen(original), maxFen);
      if (input.amountFen > stillLeft) fail('REFUND_EXCEEDS', { refundable: formatFen(stillLeft) });
      const id = repos.transactions.insertCashFollowUp({
        type: 'refund',
        amountFen: input.amountFen,
        operatorNo: session.operatorNo,
        batchNo: repos.counters.batchForTransaction(now),
        traceNo: repos.counters.nextTrace(),
        training: isTraining(p),
        createdAt: now,
        originalTxId: original.id,
      });
      markRefundedWhenFull(repos, original, now, supervisorNo, `fully refunded by #${id}`);
      return id;
    });
    const tx = repos.transactions.get(txId);
    if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
    return {
      outcome: 'approved',
      transaction: toTransactionView(tx),
      printJobs: printReceipts(deps, tx),
    };
  }
}
export type CashRefundService = ReturnType<typeof createCashRefundService>;
