import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, PlainText, Timestamp } from './common';
import { PosError } from './errors';
import { AmountFen, Fen } from './money';
import { PrintJob } from './print';
import { SupervisorApproval } from './qr';

/**
 * Returns by line (按商品退货, PRODUCT.md §12, issue 15): find the original
 * order (its receipt's order-number barcode, its number, or a day and the
 * card's last 4), pick lines and quantities, and give the money back to the
 * order's payments in the fixed order card → QR → cash (README "Returns by
 * line"), approved by the supervisor at the moment; a return slip prints.
 */
const OrderNo = z.string().regex(/^\d{14}$/, { message: 'returnOrderNo' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'originalDate' });
const Tender = z.enum(['card', 'qr', 'cash']);

export const ReturnableLine = z.object({
  lineId: z.number().int(),
  name: z.string(),
  spec: z.string(),
  quantity: z.number().int(),
  weightG: z.number().int().nullable(),
  netFen: Fen,
  returnedQty: z.number().int(),
  returnedFen: Fen,
  leftQty: z.number().int(),
  leftFen: Fen,
});

export const ReturnOrderView = z.object({
  orderId: z.number().int(),
  orderNo: z.string(),
  paidAt: Timestamp,
  operatorNo: z.string(),
  totalFen: Fen,
  lines: z.array(ReturnableLine),
  payments: z.array(
    z.object({
      txId: z.number().int(),
      tender: Tender,
      amountFen: Fen,
      leftFen: Fen,
      settled: z.boolean(),
      panMasked: z.string().nullable(),
    }),
  ),
  /** A return of this order not finished yet: finish or cancel it first. */
  openReturnId: z.number().int().nullable(),
});
export type ReturnOrderView = z.infer<typeof ReturnOrderView>;

export const ReturnStepView = z.object({
  seq: z.number().int(),
  tender: Tender,
  /** void = 消费撤销 before settlement; refund = 退货 (card after settlement, QR); cash = cash out */
  kind: z.enum(['void', 'refund', 'cash']),
  amountFen: Fen,
  state: z.enum(['planned', 'started', 'done']),
  txId: z.number().int().nullable(),
  note: z.string().nullable(),
  /**
   * Undecided because its card refund (txId) is uncertain: nothing will settle
   * it by itself, the supervisor settles it after asking the bank (refunds:resolve).
   */
  resolvable: z.boolean().default(false),
});
export type ReturnStepView = z.infer<typeof ReturnStepView>;

export const ReturnView = z.object({
  id: z.number().int(),
  returnNo: z.string(),
  orderId: z.number().int().nullable(),
  orderNo: z.string().nullable(),
  state: z.enum(['open', 'done', 'cancelled']),
  totalFen: Fen,
  reason: z.string().nullable(),
  supervisorNo: z.string(),
  createdAt: Timestamp,
  lines: z.array(
    z.object({
      orderLineId: z.number().int().nullable(),
      name: z.string(),
      quantity: z.number().int(),
      amountFen: Fen,
    }),
  ),
  refunds: z.array(ReturnStepView),
});
export type ReturnView = z.infer<typeof ReturnView>;

/** Where a return got to: done, or stopped at a step with the reason (the next call resumes). */
export const ReturnRun = z.object({
  return: ReturnView,
  problem: PosError.nullable(),
  printJobs: z.array(PrintJob),
});
export type ReturnRun = z.infer<typeof ReturnRun>;

const LinePick = z
  .object({ lineId: z.number().int().positive(), quantity: z.number().int().min(1).max(9999) })
  .strict();
const Picks = z.array(LinePick).min(1, { message: 'returnLines' }).max(200);

export const ReturnQuote = z.object({
  totalFen: Fen,
  lines: z.array(
    z.object({ lineId: z.number().int(), quantity: z.number().int(), amountFen: Fen }),
  ),
  refunds: z.array(
    z.object({
      txId: z.number().int(),
      tender: Tender,
      kind: z.enum(['void', 'refund', 'cash']),
      amountFen: Fen,
    }),
  ),
});
export type ReturnQuote = z.infer<typeof ReturnQuote>;

export const ReturnRules = z.object({
  /** Returns without the original order (cash only, supervisor, reason): off by default. */
  withoutOriginal: z.boolean(),
});
export type ReturnRules = z.infer<typeof ReturnRules>;

export const returns = {
  /** The original order by its number (typed, or scanned from the receipt's barcode). */
  order: channel(z.object({ orderNo: OrderNo }).strict(), ReturnOrderView),
  /** Paid orders of a day, optionally only those a card ending in `last4` paid. */
  search: channel(
    z
      .object({
        date: Day,
        last4: z
          .string()
          .regex(/^\d{4}$/, { message: 'returnLast4' })
          .optional(),
      })
      .strict(),
    z.object({
      orders: z.array(
        z.object({
          orderId: z.number().int(),
          orderNo: z.string(),
          paidAt: Timestamp,
          totalFen: Fen,
          operatorNo: z.string(),
        }),
      ),
    }),
  ),
  /** What the picked lines give back and where it would go; nothing is stored. */
  quote: channel(
    z.object({ orderId: z.number().int().positive(), lines: Picks }).strict(),
    ReturnQuote,
  ),
  /** Makes the return and gives the money back, step by step. */
  create: command(
    z
      .object({
        orderId: z.number().int().positive(),
        lines: Picks,
        supervisor: SupervisorApproval,
      })
      .strict(),
    ReturnRun,
  ),
  /** Carries on with an open return's remaining steps (after a decline, an error or a restart). */
  resume: command(
    z.object({ returnId: z.number().int().positive(), supervisor: SupervisorApproval }).strict(),
    ReturnRun,
  ),
  /** Gives up an open return none of whose money has gone back yet; its lines are free again. */
  cancel: command(
    z.object({ returnId: z.number().int().positive(), supervisor: SupervisorApproval }).strict(),
    z.object({ return: ReturnView }),
  ),
  /** A return without the original order: cash only, with a reason, when the shop allows it. */
  withoutOriginal: command(
    z
      .object({
        lines: z
          .array(
            z
              .object({
                name: PlainText(1, 40, 'returnItemName'),
                quantity: z.number().int().min(1).max(9999),
                amountFen: AmountFen,
              })
              .strict(),
          )
          .min(1, { message: 'returnLines' })
          .max(50),
        reason: PlainText(1, 80, 'returnReason'),
        supervisor: SupervisorApproval,
      })
      .strict(),
    ReturnRun,
  ),
  get: channel(z.object({ returnId: z.number().int().positive() }).strict(), ReturnView),
  /** Returns whose refund is not finished. */
  open: channel(NoInput, z.object({ returns: z.array(ReturnView) })),
  rules: channel(NoInput, ReturnRules),
  saveRules: command(ReturnRules.strict(), ReturnRules),
};
