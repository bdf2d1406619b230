import {
  formatFen,
  type CardOutcome,
  type OrderView,
  type PrintJob,
  type QrOutcome,
  type Session,
  type TransactionView,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { errorFields } from '../../core/logger';
import type { OrderRecord, Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { orderAllows } from '../../domain/order/states';
import { checkTender, type Tender } from '../../domain/order/tender';
import type { SettingsStore } from '../../settings/store';
import type { CardService, PaysOrder } from '../cards/card-service';
import type { PrintService } from '../printing/print-service';
import { orderReceiptDocument } from '../printing/receipts';
import type { QrService } from '../qr/qr-service';
import { approvedFen, orderPayments, toOrderView } from './order-view';
import { toTransactionView } from './transaction-view';

export interface OrderPaymentDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  print: PrintService;
  card: Pick<CardService, 'sale'>;
  qr: Pick<QrService, 'pay'>;
  /** After a cash payment is committed: what was paid and the change, for the customer display. */
  onCashPaid?(tenderedFen: number, changeFen: number): void;
}

const UNDECIDED = new Set(['pending', 'uncertain']);

/** A committed cash payment: its transaction and the receipt's print job. */
export interface CashPayment {
  txId: number;
  jobIds: number[];
}

/**
 * Paying an order (PRODUCT.md §12): each payment is a transaction of §4 with
 * its rules unchanged, pointing at the order; the database moves the order
 * with it (paying, paid) in the same SQLite transaction. The customer's order
 * receipt is queued once the order is paid; card payments keep their slips.
 */
export function createOrderPayments(deps: OrderPaymentDeps) {
  const { repos, settings, clock, logger, print } = deps;

  /** What is still due on an order that can take a payment now; refuses one that can't. */
  function payable(orderId: number): { order: OrderRecord; dueFen: number } {
    const order = repos.orders.get(orderId);
    if (!order) return fail('ORDER_NOT_FOUND', { orderId });
    if (!orderAllows(order.state, 'pay')) fail('ORDER_NOT_EDITABLE', { state: order.state });
    if (order.lines.length === 0 || order.totals.totalFen < 1) fail('ORDER_EMPTY');
    const payments = orderPayments(repos, orderId);
    if (payments.some((p) => UNDECIDED.has(p.state)))
      fail('ORDER_PAYMENT_UNDECIDED', { orderNo: order.orderNo });
    // An order being abandoned takes no payment: its payments are being given back.
    if (repos.orderUndo.started(orderId)) fail('ORDER_ABANDONING', { orderNo: order.orderNo });
    return { order, dueFen: order.totals.totalFen - approvedFen(payments) };
  }

  /**
   * What this payment takes (PRODUCT.md §12, split tender): a card or QR
   * payment what the cashier keyed (the remainder when nothing was keyed), at
   * most what is left; cash is the last payment and takes all that is left.
   */
  function amountFor(tender: Tender, keyedFen: number | undefined, dueFen: number): number {
    const r = checkTender(tender, keyedFen ?? dueFen, dueFen);
    if (r.ok) return r.payFen;
    if (r.reason === 'tenderedTooLow')
      return fail('TENDER_TOO_LOW', { amountFen: dueFen, tenderedFen: keyedFen ?? 0 });
    if (r.reason === 'nothingDue') return fail('ORDER_NOT_EDITABLE', { state: 'paid' });
    return fail('TENDER_EXCEEDS_DUE', { due: formatFen(r.maxFen) });
  }

  /** Checked again in the payment's own SQLite transaction: nothing changed the order since. */
  const bind = (orderId: number, expectedDue: number): PaysOrder => ({
    orderId,
    guard(amountFen) {
      const { dueFen } = payable(orderId);
      if (dueFen !== expectedDue || amountFen > dueFen)
        fail('ORDER_NOT_EDITABLE', { state: 'changed' });
    },
  });

  const view = (orderId: number): OrderView => {
    const order = repos.orders.get(orderId);
    if (!order) return fail('ORDER_NOT_FOUND', { orderId });
    return toOrderView(order, orderPayments(repos, orderId));
  };

  /** Queues the order receipt (inside the caller's SQLite transaction when there is one). */
  function enqueueReceipt(
    orderId: number,
    txId: number | null,
    options: { duplicate: boolean; openDrawer: boolean },
  ): number {
    const doc = orderReceiptDocument(repos, settings, orderId, options);
    return print.enqueue(doc, {
      txId,
      orderId,
      kind: options.duplicate ? 'reprint' : 'receipt',
      copy: 'customer',
    });
  }

  function receiptAfterPayment(orderId: number, tx: TransactionRecord): PrintJob[] {
    const order = repos.orders.get(orderId);
    if (order?.state !== 'paid') return [];
    // Keypad amounts paid by card are a bank-terminal sale: the cardholder slip is its receipt.
    const keypadOnly = order.lines.every((l) => l.kind === 'open' && l.code === null);
    const cardOnly = orderPayments(repos, orderId)
      .filter((p) => p.state === 'approved')
      .every((p) => p.tender === 'card');
    if (keypadOnly && cardOnly) return [];
    const id = repos.inTransaction(() =>
      enqueueReceipt(orderId, tx.id, { duplicate: false, openDrawer: false }),
    );
    print.kick();
    return print.view([id]);
  }

  /**
   * Cash pays what is due (it is the last payment: it gives change), in one
   * SQLite transaction (or the caller's) with the outbox row and the order
   * receipt, which opens the drawer. Then `cashPaid` once committed.
   */
  function cashPayment(orderId: number, tenderedFen: number, session: Session): CashPayment {
    const now = clock.now();
    return repos.inTransaction(() => {
      const { order, dueFen } = payable(orderId);
      amountFor('cash', tenderedFen, dueFen);
      const batchNo = repos.counters.batchForTransaction(now);
      const traceNo = repos.counters.nextTrace();
      const txId = repos.transactions.insertCashSale({
        state: 'approved',
        amountFen: dueFen,
        tenderedFen,
        changeFen: tenderedFen - dueFen,
        operatorNo: session.operatorNo,
        batchNo,
        traceNo,
        training: order.training,
        createdAt: now,
        items: [],
        orderId,
      });
      repos.outbox.enqueue(
        { kind: 'cash-sale', dedupeKey: `cash-sale:${batchNo}:${traceNo}`, payload: { txId } },
        now,
      );
      const jobs = [enqueueReceipt(orderId, txId, { duplicate: false, openDrawer: true })];
      return { txId, jobIds: jobs };
    });
  }

  /** After a cash payment committed: printing starts, the customer display shows the change. */
  function cashPaid({ txId, jobIds }: CashPayment): {
    transaction: TransactionView;
    printJobs: PrintJob[];
  } {
    print.kick();
    const tx = repos.transactions.get(txId);
    if (!tx) return fail('TRANSACTION_NOT_FOUND', { txId });
    deps.onCashPaid?.(tx.tenderedFen ?? tx.amountFen, tx.changeFen ?? 0);
    return { transaction: toTransactionView(tx), printJobs: print.view(jobIds) };
  }

  return {
    payable,
    cashPayment,
    cashPaid,

    /** Cash pays what is due (it is the last payment: it gives change); the drawer opens. */
    payCash(
      orderId: number,
      tenderedFen: number,
      session: Session,
    ): { order: OrderView; transaction: TransactionView; printJobs: PrintJob[] } {
      const paid = cashPaid(cashPayment(orderId, tenderedFen, session));
      return { order: view(orderId), ...paid };
    },

    /**
     * A card pays what was keyed (what is due when nothing was), at most what is
     * left; its slips print as always, the order receipt once the order is paid.
     */
    async payCard(
      orderId: number,
      session: Session,
      amountFen?: number,
    ): Promise<{ order: OrderView; outcome: CardOutcome; printJobs: PrintJob[] }> {
      const { dueFen } = payable(orderId);
      const payFen = amountFor('card', amountFen, dueFen);
      const outcome = await deps.card.sale(payFen, session, [], bind(orderId, dueFen));
      const tx = repos.transactions.get(outcome.transaction.id);
      const printJobs =
        outcome.outcome === 'approved' && tx ? receiptAfterPayment(orderId, tx) : [];
      return { order: view(orderId), outcome, printJobs };
    },

    /** A QR payment code pays what was keyed (or what is due); the order receipt carries the wallet's facts. */
    async payQr(
      orderId: number,
      code: string,
      session: Session,
      amountFen?: number,
    ): Promise<{ order: OrderView; outcome: QrOutcome; printJobs: PrintJob[] }> {
      const { dueFen } = payable(orderId);
      const payFen = amountFor('qr', amountFen, dueFen);
      const outcome = await deps.qr.pay(
        { amountFen: payFen, code },
        session,
        bind(orderId, dueFen),
      );
      const tx = repos.transactions.get(outcome.transaction.id);
      const printJobs =
        outcome.outcome === 'approved' && tx ? receiptAfterPayment(orderId, tx) : [];
      return { order: view(orderId), outcome, printJobs };
    },

    /** The order receipt again, marked 重打印 / DUPLICATE (the drawer stays shut). */
    reprint(orderId: number): PrintJob[] {
      const order = repos.orders.get(orderId);
      if (!order || order.state !== 'paid') return fail('ORDER_NOT_FOUND', { orderId });
      const id = repos.inTransaction(() =>
        enqueueReceipt(orderId, null, { duplicate: true, openDrawer: false }),
      );
      print.kick();
      return print.view([id]);
    },

    /**
     * Orders paid while nobody was there to queue their receipt (a crash right
     * after the approval, a QR payment settled by a query after a restart)
     * get it now. Run at start.
     */
    recoverReceipts(sinceMs: number): number {
      let n = 0;
      for (const orderId of repos.orders.paidWithoutReceipt(sinceMs)) {
        try {
          repos.inTransaction(() =>
            enqueueReceipt(orderId, null, { duplicate: false, openDrawer: false }),
          );
          n += 1;
        } catch (err) {
          logger.error('order receipt could not be queued', { orderId, ...errorFields(err) });
        }
      }
      if (n > 0) {
        logger.warn('order receipts queued after a restart', { count: n });
        print.kick();
      }
      return n;
    },
  };
}
export type OrderPayments = ReturnType<typeof createOrderPayments>;
