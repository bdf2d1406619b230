import type { PrintDocument } from '../../../native/printer/document';
import type { Repositories, TransactionRecord } from '../../db';
import { localTimeParts } from '../../domain/qr-code';
import { buildCardReceipt } from '../../domain/card-receipt';
import { fail } from '../../domain/errors';
import { buildQrReceipt } from '../../domain/qr-receipt';
import { buildCashReceipt, type ReceiptTerminal } from '../../domain/receipt';
import { buildOrderReceipt, orderReceiptOf } from '../../domain/order-receipt';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from './print-service';
import type { PrintJob } from '../../../preload/contract';

export type ReceiptCopy = 'customer' | 'merchant' | 'cardholder';

/** The local calendar day of a time, as receipts and refund searches write it. */
export function localDate(ms: number): string {
  const p = localTimeParts(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * 备注 lines of a follow-up transaction: a void names the voucher it voids, a
 * card refund the reference and date of the sale, a pre-auth completion or
 * cancel the hold's authorisation code (the same on a reprint).
 */
export function followUpNote(repos: Repositories, tx: TransactionRecord): string[] | undefined {
  if (!tx.originalTxId || tx.tender === 'qr') return undefined;
  const original = repos.transactions.get(tx.originalTxId);
  if (!original) return undefined;
  if (tx.type === 'void') return [`原凭证号 ORIG VOUCHER ${original.traceNo}`];
  if (tx.type === 'preauth_complete' || tx.type === 'preauth_cancel')
    return [
      `原授权码 ORIG AUTH ${original.card?.authCode ?? ''}`,
      `原凭证号 ORIG VOUCHER ${original.traceNo}`,
    ];
  if (tx.type === 'refund' && tx.tender === 'cash')
    return [
      `原批次号 ORIG BATCH ${original.batchNo}`,
      `原凭证号 ORIG VOUCHER ${original.traceNo}`,
      `原交易日期 ORIG DATE ${localDate(original.createdAt)}`,
    ];
  if (tx.type === 'refund')
    return [
      `原参考号 ORIG REF ${original.card?.rrn ?? ''}`,
      `原交易日期 ORIG DATE ${localDate(original.createdAt)}`,
    ];
  return undefined;
}

export function receiptTerminal(settings: SettingsStore): ReceiptTerminal {
  const p = settings.get();
  if (!p.configured || !p.merchantName || !p.merchantNumber || !p.terminalNumber) {
    return fail('NOT_CONFIGURED');
  }
  return {
    merchantName: p.merchantName,
    merchantNumber: p.merchantNumber,
    terminalNumber: p.terminalNumber,
    header: p.receipt.header,
    footer: p.receipt.footer,
  };
}

/**
 * Which receipts a transaction gets: one customer copy for cash (the drawer
 * opens on the original, not on a reprint); merchant + cardholder copies for
 * cards (as many as the `copies` parameter, merchant first); merchant +
 * customer copies for QR payments and refunds.
 */
export function receiptDocuments(
  settings: SettingsStore,
  tx: TransactionRecord,
  options: { duplicate: boolean; note?: string[] },
): Array<{ doc: PrintDocument; copy: ReceiptCopy }> {
  const terminal = receiptTerminal(settings);
  if (tx.tender === 'card') {
    const copies = Math.max(1, settings.get().receipt.copies);
    const order: ReceiptCopy[] = ['merchant', 'cardholder', 'merchant'];
    return order.slice(0, copies).map((copy) => ({
      copy,
      doc: buildCardReceipt(terminal, tx, {
        copy: copy === 'cardholder' ? 'cardholder' : 'merchant',
        duplicate: options.duplicate,
        ...(options.note ? { note: options.note } : {}),
      }),
    }));
  }
  if (tx.tender === 'qr' && tx.qr && (tx.type === 'sale' || tx.type === 'refund')) {
    const { qr, type } = tx;
    const order: ReceiptCopy[] = ['merchant', 'customer'];
    return order.map((copy) => ({
      copy,
      doc: buildQrReceipt(
        terminal,
        { ...tx, type, qr },
        { copy: copy === 'merchant' ? 'merchant' : 'customer', duplicate: options.duplicate },
      ),
    }));
  }
  return [
    {
      copy: 'customer',
      doc: buildCashReceipt(
        terminal,
        {
          ...tx,
          type: tx.type === 'void' || tx.type === 'refund' ? tx.type : 'sale',
          tenderedFen: tx.tenderedFen ?? tx.amountFen,
          changeFen: tx.changeFen ?? 0,
        },
        {
          duplicate: options.duplicate,
          openDrawer: !options.duplicate && tx.tender === 'cash',
          ...(options.note ? { note: options.note } : {}),
        },
      ),
    },
  ];
}

type ReceiptDeps = { repos: Repositories; settings: SettingsStore; print: PrintService };
/** The customer's receipt of an order (PRODUCT.md §12): lines, discounts, total, payments. */
export function orderReceiptDocument(
  repos: Repositories,
  settings: SettingsStore,
  orderId: number,
  options: { duplicate: boolean; openDrawer: boolean },
): PrintDocument {
  const order = repos.orders.get(orderId);
  if (!order) return fail('ORDER_NOT_FOUND', { orderId });
  return buildOrderReceipt(
    receiptTerminal(settings),
    orderReceiptOf(order, repos.transactions.byOrder(orderId)),
    options,
  );
}

/**
 * A transaction's receipts for a reprint: a cash or QR payment of an order
 * reprints the order's receipt (it has no slip of its own); a card payment
 * its slips; anything else as receiptDocuments says.
 */
export function transactionReceipts(
  repos: Repositories,
  settings: SettingsStore,
  tx: TransactionRecord,
  options: { duplicate: boolean; note?: string[] },
): Array<{ doc: PrintDocument; copy: ReceiptCopy }> {
  if (tx.type === 'sale' && tx.orderId !== null && tx.tender !== 'card')
    return [
      {
        copy: 'customer',
        doc: orderReceiptDocument(repos, settings, tx.orderId, {
          duplicate: options.duplicate,
          openDrawer: false,
        }),
      },
    ];
  return receiptDocuments(settings, tx, options);
}

/**
 * Queues a transaction's receipts (with its 备注, if it follows up another).
 * Call it inside the SQLite transaction that settles the transaction, so the
 * receipts commit with it; then `print.kick()` once committed.
 */
export function queueReceipts({ repos, settings, print }: ReceiptDeps, tx: TransactionRecord) {
  const note = followUpNote(repos, tx);
  return receiptDocuments(settings, tx, { duplicate: false, ...(note ? { note } : {}) }).map(
    ({ doc, copy }) => print.enqueue(doc, { txId: tx.id, kind: 'receipt', copy }),
  );
}

/** Queues a transaction's receipts in one SQLite transaction, then starts printing in the background. */
export function printReceipts(deps: ReceiptDeps, tx: TransactionRecord): PrintJob[] {
  const ids = deps.repos.inTransaction(() => queueReceipts(deps, tx));
  deps.print.kick();
  return deps.print.view(ids);
}
