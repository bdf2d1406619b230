import type { PrintDocument } from '../../native/printer/document';
import type { TransactionRecord } from '../db';
import { buildCardReceipt } from '../domain/card-receipt';
import { fail } from '../domain/errors';
import { buildQrReceipt } from '../domain/qr-receipt';
import { buildCashReceipt, type ReceiptTerminal } from '../domain/receipt';
import type { SettingsStore } from '../settings/store';

export type ReceiptCopy = 'customer' | 'merchant' | 'cardholder';

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
          type: tx.type === 'void' ? 'void' : 'sale',
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
