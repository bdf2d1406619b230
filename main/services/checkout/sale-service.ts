import type { PrintJob, SaleItemInput, Session, TransactionView } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { Repositories, TransactionRecord } from '../../db';
import { priceCashSale } from '../../domain/cash-sale';
import { fail, failFields } from '../../domain/errors';
import { buildCashReceipt } from '../../domain/receipt';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { followUpNote, receiptTerminal, transactionReceipts } from '../printing/receipts';

/** Transactions that produced a receipt (and so can be reprinted). */
const hasReceipt = (tx: TransactionRecord) => ['approved', 'voided', 'refunded'].includes(tx.state);

export interface SaleDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  print: PrintService;
  /** After the sale is committed: what was paid and the change, for the customer display. */
  onCashSale?(tenderedFen: number, changeFen: number): void;
}

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
  };
}

/** Sales (cash for now; cards and QR codes join in their own issues). */
export function createSaleService({ repos, settings, clock, print, onCashSale }: SaleDeps) {
  return {
    /**
     * A cash sale commits in one SQLite transaction: batch and trace numbers,
     * the transaction and its lines, the outbox row that reports it, and the
     * receipt's print job. Then printing starts; the printer being down can't
     * undo or block the sale.
     */
    cash(
      input: { amountFen?: number | undefined; items: SaleItemInput[]; tenderedFen: number },
      session: Session,
    ): { transaction: TransactionView; printJobs: PrintJob[] } {
      const terminal = receiptTerminal(settings);
      const priced = priceCashSale(input);
      if (!priced.ok) {
        if ('issues' in priced) failFields(priced.issues);
        return fail('TENDER_TOO_LOW', priced.tenderTooLow);
      }
      const training = isTraining(settings.get());
      const now = clock.now();

      const { txId, jobIds } = repos.inTransaction(() => {
        const batchNo = repos.counters.batchForTransaction(now);
        const traceNo = repos.counters.nextTrace();
        const sale = {
          state: 'approved' as const,
          ...priced.sale,
          operatorNo: session.operatorNo,
          batchNo,
          traceNo,
          training,
          createdAt: now,
        };
        const txId = repos.transactions.insertCashSale(sale);
        repos.outbox.enqueue(
          { kind: 'cash-sale', dedupeKey: `cash-sale:${batchNo}:${traceNo}`, payload: { txId } },
          now,
        );
        const doc = buildCashReceipt(terminal, sale, { duplicate: false, openDrawer: true });
        const jobId = print.enqueue(doc, { txId, kind: 'receipt', copy: 'customer' });
        return { txId, jobIds: [jobId] };
      });

      print.kick();
      const tx = repos.transactions.get(txId);
      if (!tx) return fail('TRANSACTION_NOT_FOUND', { txId });
      onCashSale?.(tx.tenderedFen ?? tx.amountFen, tx.changeFen ?? 0);
      return { transaction: toTransactionView(tx), printJobs: print.view(jobIds) };
    },

    /** Reprints a transaction's receipts (the last one's if no id), marked 重打印 / DUPLICATE. */
    reprint(txId: number | undefined): PrintJob[] {
      const tx =
        txId === undefined ? repos.transactions.lastWithReceipt() : repos.transactions.get(txId);
      if (!tx || (txId !== undefined && !hasReceipt(tx))) {
        return fail('TRANSACTION_NOT_FOUND', txId === undefined ? undefined : { txId });
      }
      const note = followUpNote(repos, tx);
      const ids = repos.inTransaction(() =>
        transactionReceipts(repos, settings, tx, {
          duplicate: true,
          ...(note ? { note } : {}),
        }).map(({ doc, copy }) => print.enqueue(doc, { txId: tx.id, kind: 'reprint', copy })),
      );
      print.kick();
      return print.view(ids);
    },
  };
}
export type SaleService = ReturnType<typeof createSaleService>;
