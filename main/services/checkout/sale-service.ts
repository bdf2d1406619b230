import type {
  CardOutcome,
  PrintJob,
  QrOutcome,
  SaleItemInput,
  Session,
  TransactionView,
} from '../../../preload/contract';
import type { Repositories, TransactionRecord } from '../../db';
import { priceCashSale } from '../../domain/cash-sale';
import { fail, failFields } from '../../domain/errors';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { followUpNote, transactionReceipts } from '../printing/receipts';
import type { OrderPayments } from './order-payments';
import type { OrderService } from './order-service';

/** Transactions that produced a receipt (and so can be reprinted). */
const hasReceipt = (tx: TransactionRecord) => ['approved', 'voided', 'refunded'].includes(tx.state);

export interface SaleDeps {
  repos: Repositories;
  settings: SettingsStore;
  print: PrintService;
  orders: Pick<OrderService, 'quickOrder' | 'dropQuickOrder'>;
  payments: Pick<OrderPayments, 'cashPayment' | 'cashPaid' | 'payCard' | 'payQr'>;
}

/**
 * One-call sales (`sale:cash`, `card:sale`, `qr:pay`): a keypad amount, or
 * item lines, paid at once by one tender — the bank-terminal habit. Each makes
 * an order of open-price lines (PRODUCT.md §12) so every payment has its
 * order; a quick order whose payment fails is dropped, since the caller has no
 * basket to come back to.
 */
export function createSaleService({ repos, settings, print, orders, payments }: SaleDeps) {
  async function paidOrDropped<T extends { outcome: { outcome: string } }>(
    orderId: number,
    session: Session,
    pay: () => Promise<T>,
  ): Promise<T> {
    try {
      const r = await pay();
      if (r.outcome.outcome !== 'approved') orders.dropQuickOrder(orderId, session);
      return r;
    } catch (err) {
      orders.dropQuickOrder(orderId, session);
      throw err;
    }
  }

  return {
    /** Cash: the order and its payment commit in one SQLite transaction, with the receipt. */
    cash(
      input: { amountFen?: number | undefined; items: SaleItemInput[]; tenderedFen: number },
      session: Session,
    ): { transaction: TransactionView; printJobs: PrintJob[] } {
      const priced = priceCashSale(input);
      if (!priced.ok) {
        if ('issues' in priced) failFields(priced.issues);
        return fail('TENDER_TOO_LOW', priced.tenderTooLow);
      }
      const paid = repos.inTransaction(() => {
        const orderId = orders.quickOrder(
          { amountFen: priced.sale.amountFen, items: input.items },
          session,
        );
        return payments.cashPayment(orderId, input.tenderedFen, session);
      });
      // The caller has no basket: the order's view is not built for it.
      return payments.cashPaid(paid);
    },

    async card(
      input: { amountFen: number; items?: SaleItemInput[] | undefined },
      session: Session,
    ): Promise<CardOutcome> {
      const orderId = orders.quickOrder(
        { amountFen: input.amountFen, items: input.items ?? [] },
        session,
      );
      const r = await paidOrDropped(orderId, session, () => payments.payCard(orderId, session));
      return r.outcome.outcome === 'approved'
        ? { ...r.outcome, printJobs: [...r.outcome.printJobs, ...r.printJobs] }
        : r.outcome;
    },

    async qr(
      input: { amountFen: number; code: string; items?: SaleItemInput[] | undefined },
      session: Session,
    ): Promise<QrOutcome> {
      const orderId = orders.quickOrder(
        { amountFen: input.amountFen, items: input.items ?? [] },
        session,
      );
      const r = await paidOrDropped(orderId, session, () =>
        payments.payQr(orderId, input.code, session),
      );
      return r.outcome.outcome === 'approved'
        ? { ...r.outcome, printJobs: [...r.outcome.printJobs, ...r.printJobs] }
        : r.outcome;
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
