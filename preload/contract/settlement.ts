import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput } from './common';
import { PrintJob } from './print';
import { TransactionView } from './sale';

const Int = z.number().int();
/** Counts and integer fen for one tender; net = debit − credit − fees. */
export const TenderTotals = z.object({
  debitCount: Int,
  debitFen: Int,
  creditCount: Int,
  creditFen: Int,
  feeFen: Int,
  netFen: Int,
});
export const BatchTotals = z.object({
  cardDomestic: TenderTotals,
  cardForeign: TenderTotals,
  qr: TenderTotals,
  cash: TenderTotals,
  total: TenderTotals,
});
export type BatchTotals = z.infer<typeof BatchTotals>;

export const SettlementResult = z.object({
  batchNo: z.string(),
  /** 对账平 / 对账不平 (the batch was then uploaded transaction by transaction). */
  verdict: z.enum(['balanced', 'unbalanced']),
  uploadedCount: Int,
  totals: BatchTotals,
  /** The settlement report. */
  printJobs: z.array(PrintJob),
  nextBatchNo: z.string(),
});
export type SettlementResult = z.infer<typeof SettlementResult>;

/** 结算: supervisor (00) only. */
export const settlement = {
  /** The current batch's totals (or those of a settlement to resume); nothing is sent. */
  preview: channel(
    NoInput,
    z.object({
      batchNo: z.string().nullable(),
      totals: BatchTotals.nullable(),
      resuming: z.boolean(),
      /** Card 退货 of the batch without an answer: the supervisor settles each before the batch. */
      uncertainRefunds: z.array(TransactionView),
    }),
  ),
  /** Runs the settlement, or resumes one that was cut short, to the end. */
  run: command(NoInput, SettlementResult),
};
