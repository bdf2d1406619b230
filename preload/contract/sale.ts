import { z } from 'zod';
import { channel, command } from './channel';
import { OperatorNo, PlainText, Timestamp } from './common';
import { AmountFen, Fen, MAX_AMOUNT_FEN } from './money';
import { PrintJob } from './print';

export const TransactionState = z.enum([
  'pending',
  'approved',
  'declined',
  'reversal_pending',
  'reversed',
  'voided',
  'refunded',
  'uncertain',
  'cancelled',
  'cancel_pending',
]);
export type TransactionState = z.infer<typeof TransactionState>;

export const Tender = z.enum(['cash', 'card', 'qr']);

export const SaleItemInput = z.object({
  name: PlainText(1, 40, 'itemName'),
  quantity: z
    .number({ message: 'quantity' })
    .int({ message: 'quantity' })
    .min(1, { message: 'quantity' })
    .max(9999, { message: 'quantity' }),
  unitPriceFen: AmountFen,
});
export type SaleItemInput = z.infer<typeof SaleItemInput>;

export const CashSaleInput = z
  .object({
    /** Keypad amount; with item lines the amount is their sum and this may be omitted. */
    amountFen: AmountFen.optional(),
    items: z.array(SaleItemInput).max(200, { message: 'tooManyItems' }).default([]),
    tenderedFen: Fen.max(MAX_AMOUNT_FEN * 10, { message: 'tenderedRange' }),
  })
  .strict()
  .refine((s) => s.items.length > 0 || s.amountFen !== undefined, {
    message: 'amountRange',
    path: ['amountFen'],
  });
export type CashSaleInput = z.input<typeof CashSaleInput>;

export const SaleItem = SaleItemInput.extend({ amountFen: Fen });

export const TransactionView = z.object({
  id: z.number().int(),
  type: z.enum(['sale', 'void', 'refund', 'preauth', 'preauth_cancel', 'preauth_complete']),
  tender: Tender,
  state: TransactionState,
  amountFen: Fen,
  tenderedFen: Fen.nullable(),
  changeFen: Fen.nullable(),
  operatorNo: OperatorNo,
  batchNo: z.string().regex(/^\d{6}$/),
  traceNo: z.string().regex(/^\d{6}$/),
  createdAt: Timestamp,
  training: z.boolean(),
  items: z.array(SaleItem),
  /** Card facts; the card number only masked (first 6 / last 4). */
  card: z
    .object({
      panMasked: z.string().regex(/^\d{6}\*+\d{4}$/),
      entryMode: z.string(),
      responseCode: z.string().nullable(),
      authCode: z.string().nullable(),
      rrn: z.string().nullable(),
      issuer: z.string().nullable(),
      reversalReason: z.string().nullable(),
    })
    .nullable(),
  /** QR payment facts; the payment code only as first 4 / last 4. */
  qr: z
    .object({
      wallet: z.enum(['wechat', 'alipay', 'unionpay']),
      orderNo: z.string(),
      originalOrderNo: z.string().nullable(),
      codeMasked: z.string().nullable(),
      payerMasked: z.string().nullable(),
      gatewayTxId: z.string().nullable(),
      gatewayCode: z.string().nullable(),
    })
    .nullable()
    .default(null),
  /** A refund's original sale. */
  originalTxId: z.number().int().nullable().default(null),
  /** The order a sale pays (PRODUCT.md §12); null for a follow-up or older history. */
  orderId: z.number().int().nullable().default(null),
});
export type TransactionView = z.infer<typeof TransactionView>;

export const sale = {
  cash: command(
    CashSaleInput,
    z.object({ transaction: TransactionView, printJobs: z.array(PrintJob) }),
  ),
  /** The amount due on the customer display (应付), when the cashier moves on to the tender. */
  showDue: channel(z.object({ amountFen: AmountFen }).strict(), z.object({})),
};
