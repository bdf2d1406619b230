import { z } from 'zod';
import { channel } from './channel';
import { NoInput, Timestamp } from './common';
import { PosError } from './errors';
import { PaperWidth } from './terminal';

export const PrintJobState = z.enum(['queued', 'printing', 'waiting', 'done', 'cancelled']);
export type PrintJobState = z.infer<typeof PrintJobState>;

export const PrintJob = z.object({
  id: z.number().int(),
  txId: z.number().int().nullable(),
  kind: z.enum(['receipt', 'reprint', 'test', 'fault_slip', 'report']),
  /** Which copy of the receipt: the customer's, or the merchant/cardholder stubs for cards. */
  copy: z.enum(['customer', 'merchant', 'cardholder']).nullable(),
  traceNo: z.string().nullable(),
  state: PrintJobState,
  attempts: z.number().int(),
  target: z.enum(['virtual', 'tcp', 'serial', 'usb']),
  lastError: PosError.nullable(),
  createdAt: Timestamp,
  printedAt: Timestamp.nullable(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const ReceiptPreviewLine = z.object({
  text: z.string(),
  align: z.enum(['left', 'center', 'right']),
  bold: z.boolean(),
  double: z.boolean(),
  /** The line is a bar code (Code 128) standing for this text. */
  barcode: z.string().optional(),
});

export const ReceiptPreview = z.object({
  jobId: z.number().int(),
  paperWidth: PaperWidth,
  lines: z.array(ReceiptPreviewLine),
  cuts: z.number().int(),
});
export type ReceiptPreview = z.infer<typeof ReceiptPreview>;

const JobId = z.number().int().positive();

export const print = {
  /** Jobs not yet printed, then the most recent printed ones. */
  jobs: channel(NoInput, z.object({ jobs: z.array(PrintJob) })),
  /** Try waiting jobs now instead of at the next automatic retry. */
  retry: channel(NoInput, z.object({ jobs: z.array(PrintJob) })),
  /** The job's exact ESC/POS bytes, decoded for the on-screen (virtual) printer. */
  preview: channel(z.object({ jobId: JobId }).strict(), ReceiptPreview),
  /** Reprint a transaction's receipt marked 重打印 / DUPLICATE; no txId → the last one. */
  reprint: channel(
    z.object({ txId: z.number().int().positive().optional() }).strict(),
    z.object({ jobs: z.array(PrintJob) }),
  ),
};

export const printEvents = {
  'print:jobChanged': PrintJob,
};
