import { z } from 'zod';
import { channel } from './channel';
import { Timestamp } from './common';
import { Fen } from './money';
import { TransactionState, TransactionView } from './sale';

/** One step of a transaction's history (transaction_events). */
export const TransactionEvent = z.object({
  from: TransactionState.nullable(),
  to: TransactionState,
  at: Timestamp,
  operatorNo: z.string().nullable(),
  note: z.string().nullable(),
});

export const transactions = {
  /** Newest first; `beforeId` pages back. */
  list: channel(
    z
      .object({
        limit: z.number().int().min(1).max(100).default(30),
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
    z.object({ transactions: z.array(TransactionView) }),
  ),
  /**
   * Finds the original of a void or refund the way the cashier keys it in:
   * by voucher number (in the open batch, or in `batchNo`), or by host
   * reference number and the original's date (card sales).
   */
  find: channel(
    z
      .object({
        traceNo: z
          .string()
          .regex(/^\d{6}$/, { message: 'voucherNo' })
          .optional(),
        batchNo: z
          .string()
          .regex(/^\d{6}$/, { message: 'batchNo' })
          .optional(),
        rrn: z
          .string()
          .regex(/^\d{12}$/, { message: 'referenceNo' })
          .optional(),
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'originalDate' })
          .optional(),
      })
      .strict()
      .refine(
        (v) =>
          v.traceNo !== undefined
            ? v.rrn === undefined && v.date === undefined
            : v.rrn !== undefined && v.date !== undefined && v.batchNo === undefined,
        { message: 'findBy' },
      ),
    z.object({ id: z.number().int().positive() }),
  ),
  /** One transaction with its history and refunds, and what can still be refunded. */
  detail: channel(
    z.object({ id: z.number().int().positive() }).strict(),
    z.object({
      transaction: TransactionView,
      events: z.array(TransactionEvent),
      refunds: z.array(TransactionView),
      refundableFen: Fen,
    }),
  ),
};
