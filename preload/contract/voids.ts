import { z } from 'zod';
import { ReversalOutcome } from './card';
import { command } from './channel';
import { PrintJob } from './print';
import { SupervisorApproval } from './qr';
import { TransactionView } from './sale';

export const VoidOutcome = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('approved'),
    transaction: TransactionView,
    printJobs: z.array(PrintJob),
  }),
  z.object({
    outcome: z.literal('declined'),
    responseCode: z.string(),
    transaction: TransactionView,
  }),
  /** No valid answer from the host: the void failed and is being reversed (the sale stands). */
  ReversalOutcome,
]);
export type VoidOutcome = z.infer<typeof VoidOutcome>;

/** 消费撤销: a sale of the open batch, by voucher number, full amount, supervisor at the moment. */
export const voids = {
  run: command(
    z
      .object({
        traceNo: z.string().regex(/^\d{6}$/, { message: 'voucherNo' }),
        supervisor: SupervisorApproval,
      })
      .strict(),
    VoidOutcome,
  ),
};
