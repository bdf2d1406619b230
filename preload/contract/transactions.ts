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
