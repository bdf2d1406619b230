import { z } from 'zod';
import { channel } from './channel';
import { OperatorNo, Timestamp } from './common';
import { Fen } from './money';
import { Tender, TransactionState, TransactionView } from './sale';

/** One step of a transaction's history (transaction_events). */
export const TransactionEvent = z.object({
  from: TransactionState.nullable(),
  to: TransactionState,
  at: Timestamp,
  operatorNo: z.string().nullable(),
  note: z.string().nullable(),
});

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'localDate' });
const AmountFen = z
  .number()
  .int({ message: 'amountRange' })
  .min(0, { message: 'amountRange' })
  .max(99_999_999, { message: 'amountRange' });

/** 交易查询 filters; every one optional. Dates are the terminal's local days, `to` inclusive. */
const filterShape = {
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  operatorNo: OperatorNo.optional(),
  type: z
    .enum(['sale', 'void', 'refund', 'preauth', 'preauth_cancel', 'preauth_complete'])
    .optional(),
  tender: Tender.optional(),
  state: TransactionState.optional(),
  minFen: AmountFen.optional(),
  maxFen: AmountFen.optional(),
  cardLast4: z
    .string()
    .regex(/^\d{4}$/, { message: 'cardLast4' })
    .optional(),
  voucherNo: z
    .string()
    .regex(/^\d{6}$/, { message: 'voucherNo' })
    .optional(),
  referenceNo: z
    .string()
    .regex(/^\d{12}$/, { message: 'referenceNo' })
    .optional(),
  orderNo: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,40}$/, { message: 'orderNo' })
    .optional(),
};
type FilterShape = { minFen?: number | undefined; maxFen?: number | undefined };
const amountOrder = (v: FilterShape) =>
  v.minFen === undefined || v.maxFen === undefined || v.minFen <= v.maxFen;

export const TransactionFilter = z
  .object(filterShape)
  .strict()
  .refine(amountOrder, { message: 'amountOrder', path: ['maxFen'] });
export type TransactionFilter = z.infer<typeof TransactionFilter>;

/** Where the next page starts: the last row's sort key (time in ms or amount in fen) and id. */
export const QueryCursor = z
  .object({ key: z.number().int().min(0), id: z.number().int().positive() })
  .strict();
export type QueryCursor = z.infer<typeof QueryCursor>;

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
  /**
   * 交易查询 with filters, sorted by time or amount (newest / largest first
   * unless `ascending`), paged by keyset: pass the answer's `next` as `after`.
   */
  query: channel(
    z
      .object({
        ...filterShape,
        sort: z.enum(['time', 'amount']).default('time'),
        ascending: z.boolean().default(false),
        limit: z.number().int().min(1).max(100).default(30),
        after: QueryCursor.optional(),
      })
      .strict()
      .refine(amountOrder, { message: 'amountOrder', path: ['maxFen'] }),
    z.object({ transactions: z.array(TransactionView), next: QueryCursor.nullable() }),
  ),
  /** The query's result as CSV (UTF-8 with BOM, at most 50,000 rows) for the screen to save. */
  exportCsv: channel(
    TransactionFilter,
    z.object({
      fileName: z.string(),
      csv: z.string(),
      rows: z.number().int(),
      truncated: z.boolean(),
    }),
  ),
  /** One transaction with its history and refunds, and what can still be refunded. */
  detail: channel(
    z.object({ id: z.number().int().positive() }).strict(),
    z.object({
      transaction: TransactionView,
      events: z.array(TransactionEvent),
      refunds: z.array(TransactionView),
      refundableFen: Fen,
      /** The rules allow a void now: an approved cash or card sale of the batch not yet settled. */
      voidable: z.boolean(),
    }),
  ),
};
