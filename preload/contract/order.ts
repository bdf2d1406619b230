import { z } from 'zod';
import { CardOutcome } from './card';
import { channel, command } from './channel';
import { CARD_DATA_REFUSAL, NoInput, OperatorNo, PlainText, Timestamp, noCardData } from './common';
import { AmountFen, Fen, MAX_AMOUNT_FEN } from './money';
import { PosError } from './errors';
import { PrintJob } from './print';
import { PaymentCodeInput, QrOutcome, SupervisorApproval } from './qr';
import { TransactionView } from './sale';

/**
 * The order (单据, PRODUCT.md §12): what the cashier rings up — lines, discounts,
 * a total — paid by one or more payments, each a transaction of §4. Every
 * change is committed on the main side before it answers; the screen shows
 * the OrderView it gets back (the basket lives in SQLite, not in the screen).
 */

export const OrderState = z.enum(['open', 'held', 'paying', 'paid', 'cancelled']);
export type OrderState = z.infer<typeof OrderState>;

/** Percent in basis points (10 % off = 1000), or an amount in fen. */
export const Discount = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('percent'),
      value: z
        .number({ message: 'discountPercent' })
        .int({ message: 'discountPercent' })
        .min(1, { message: 'discountPercent' })
        .max(10_000, { message: 'discountPercent' }),
    })
    .strict(),
  z.object({ kind: z.literal('amount'), value: AmountFen }).strict(),
]);
export type Discount = z.infer<typeof Discount>;

export const Rounding = z.enum(['none', 'jiao', 'yuan']);

/**
 * The checkout's rules (PRODUCT.md §12): rounding-off (抹零), what a cashier
 * may discount without the supervisor (both a share of the order's gross and
 * an amount), and when deleting a line needs the supervisor.
 */
export const CheckoutRules = z
  .object({
    rounding: Rounding,
    discountLimit: z
      .object({
        percentBp: z
          .number({ message: 'discountLimitPercent' })
          .int({ message: 'discountLimitPercent' })
          .min(0, { message: 'discountLimitPercent' })
          .max(10_000, { message: 'discountLimitPercent' }),
        amountFen: Fen.max(MAX_AMOUNT_FEN, { message: 'amountRange' }),
      })
      .strict(),
    lineDelete: z
      .object({
        mode: z.enum(['never', 'after', 'always']),
        seconds: z
          .number({ message: 'lineDeleteSeconds' })
          .int({ message: 'lineDeleteSeconds' })
          .min(1, { message: 'lineDeleteSeconds' })
          .max(86_400, { message: 'lineDeleteSeconds' }),
      })
      .strict(),
  })
  .strict();
export type CheckoutRules = z.infer<typeof CheckoutRules>;

const Quantity = z
  .number({ message: 'quantity' })
  .int({ message: 'quantity' })
  .min(1, { message: 'quantity' })
  .max(9999, { message: 'quantity' });
/** Grams, up to 99.999 kg. */
export const WeightG = z
  .number({ message: 'weight' })
  .int({ message: 'weight' })
  .min(1, { message: 'weight' })
  .max(99_999, { message: 'weight' });
const LineId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const OrderId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const OrderLineView = z.object({
  id: LineId,
  kind: z.enum(['product', 'open']),
  productId: z.number().int().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  weightG: z.number().int().nullable(),
  unitPriceFen: Fen,
  /** The catalogue price when rung up; differs from unitPriceFen after a price override. */
  listPriceFen: Fen,
  priceOverridden: z.boolean(),
  fixedAmountFen: Fen.nullable(),
  discount: Discount.nullable(),
  grossFen: Fen,
  lineDiscountFen: Fen,
  /** This line's share of the order discount and rounding-off. */
  orderDiscountFen: Fen,
  netFen: Fen,
  addedAt: Timestamp,
});
export type OrderLineView = z.infer<typeof OrderLineView>;

export const OrderTotals = z.object({
  grossFen: Fen,
  lineDiscountFen: Fen,
  orderDiscountFen: Fen,
  roundingFen: Fen,
  discountFen: Fen,
  totalFen: Fen,
  itemCount: z.number().int(),
});

export const OrderView = z.object({
  id: OrderId,
  /** 单号: printed on the receipt and as its barcode. */
  number: z.string().regex(/^\d{14}$/),
  state: OrderState,
  operatorNo: OperatorNo,
  training: z.boolean(),
  lines: z.array(OrderLineView),
  discount: Discount.nullable(),
  rounding: Rounding,
  totals: OrderTotals,
  /** Every payment tried, oldest first (declined and reversed ones too). */
  payments: z.array(TransactionView),
  paidFen: Fen,
  /** What is left to pay. */
  dueFen: Fen,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  heldAt: Timestamp.nullable(),
  paidAt: Timestamp.nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

export const HeldOrder = z.object({
  id: OrderId,
  number: z.string(),
  operatorNo: OperatorNo,
  heldAt: Timestamp,
  lineCount: z.number().int(),
  itemCount: z.number().int(),
  totalFen: Fen,
});
export type HeldOrder = z.infer<typeof HeldOrder>;

/** A supervisor's password at the moment, for what a cashier may not do alone. */
const Approval = { supervisor: SupervisorApproval.optional() };

/** What a scanned or typed code did (a scanned code never becomes an amount). */
export const ScanOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), order: OrderView, lineId: LineId }),
  /** 未知商品: nothing was added; the code is named so the supervisor can add or sell it. */
  z.object({
    kind: z.literal('unknown'),
    code: z.string(),
    reason: z.enum(['not-found', 'check-digit', 'inactive']),
  }),
  /** A weighable product's own barcode: the screen asks for the weight, then addProduct. */
  z.object({
    kind: z.literal('needs-weight'),
    productId: z.number().int(),
    name: z.string(),
    unitPriceFen: Fen,
  }),
  /** A customer's payment code (付款码): the screen moves to the QR tender with it. */
  z.object({ kind: z.literal('payment-code'), wallet: z.enum(['wechat', 'alipay', 'unionpay']) }),
]);
export type ScanOutcome = z.infer<typeof ScanOutcome>;

/**
 * What a cashier scans or types: barcodes, PLUs, scale labels, payment codes
 * (`paymentCodes`: the scan; an open line's code is never one). Card data —
 * a swiped track, a typed card number — is refused under `rules.cardData`.
 */
const codeOf = (paymentCodes: boolean) =>
  z
    .string()
    .trim()
    .refine(noCardData({ paymentCodes }), CARD_DATA_REFUSAL)
    .min(1, { message: 'code' })
    .max(64, { message: 'code' })
    .regex(/^[0-9A-Za-z-]+$/, { message: 'code' });
const Code = codeOf(false);
const ScanCode = codeOf(true);

const Paid = z.object({ order: OrderView, printJobs: z.array(PrintJob) });

/**
 * 整单撤销 (split tender, PRODUCT.md §12): a partly paid order being abandoned,
 * its approved payments given back one step at a time — card voided (or
 * refunded after settlement), QR refunded, cash handed back. The order ends
 * cancelled when every step is done (finished).
 */
export const UndoStep = z.object({
  paymentId: z.number().int(),
  tender: z.enum(['card', 'qr', 'cash']),
  amountFen: z.number().int(),
  action: z.enum(['card-void', 'card-refund', 'qr-refund', 'cash-void', 'cash-refund']),
  /** waiting: its void or refund has no outcome yet (a reversal or the outbox settles it). */
  state: z.enum(['todo', 'waiting', 'done']),
  attempts: z.number().int(),
  /** Why the last attempt left the payment kept. */
  error: PosError.nullable(),
  /** The void or refund a waiting step waits for (its transaction), else null. */
  waitingTxId: z.number().int().nullable().default(null),
  /**
   * It waits on a card refund left uncertain: nothing will settle it by
   * itself, the supervisor settles it after asking the bank (refunds:resolve).
   */
  resolvable: z.boolean().default(false),
});
export type UndoStep = z.infer<typeof UndoStep>;
export const OrderUndoView = z.object({
  orderId: OrderId,
  number: z.string(),
  state: OrderState,
  approvedBy: z.string(),
  startedAt: Timestamp,
  finished: z.boolean(),
  steps: z.array(UndoStep),
  /** The slips of the step just done (void / refund receipts; cash opens the drawer). */
  printJobs: z.array(PrintJob),
});
export type OrderUndoView = z.infer<typeof OrderUndoView>;

export const order = {
  /** The order at the counter (open or being paid), or null. */
  current: channel(NoInput, z.object({ order: OrderView.nullable() })),
  get: channel(z.object({ orderId: OrderId }).strict(), OrderView),
  /** Scanner or typed code + Enter: barcode / PLU → scale label → payment code → 未知商品. */
  scan: command(z.object({ code: ScanCode, quantity: Quantity.optional() }).strict(), ScanOutcome),
  /** A product picked from the search. */
  addProduct: command(
    z
      .object({
        productId: z.number().int().positive(),
        quantity: Quantity.optional(),
        weightG: WeightG.optional(),
      })
      .strict(),
    OrderView,
  ),
  /** 数额: a keypad amount as an open-price line (bank-terminal habit); an unknown code sold as one needs the supervisor. */
  addOpenLine: command(
    z
      .object({
        amountFen: AmountFen,
        name: PlainText(1, 40, 'itemName').optional(),
        quantity: Quantity.optional(),
        code: Code.optional(),
        ...Approval,
      })
      .strict(),
    OrderView,
  ),
  setQuantity: command(
    z
      .object({
        lineId: LineId,
        quantity: Quantity.optional(),
        weightG: WeightG.optional(),
        ...Approval,
      })
      .strict()
      .refine((s) => (s.quantity === undefined) !== (s.weightG === undefined), {
        message: 'quantity',
        path: ['quantity'],
      }),
    OrderView,
  ),
  removeLine: command(z.object({ lineId: LineId, ...Approval }).strict(), OrderView),
  setLineDiscount: command(
    z.object({ lineId: LineId, discount: Discount.nullable(), ...Approval }).strict(),
    OrderView,
  ),
  /** 改价: always with the supervisor. */
  overridePrice: command(
    z.object({ lineId: LineId, unitPriceFen: AmountFen, supervisor: SupervisorApproval }).strict(),
    OrderView,
  ),
  setOrderDiscount: command(
    z.object({ discount: Discount.nullable(), ...Approval }).strict(),
    OrderView,
  ),
  /** 挂单: parks the order at the counter; the next customer starts a new one. */
  hold: command(NoInput, z.object({ held: HeldOrder })),
  listHeld: channel(NoInput, z.object({ orders: z.array(HeldOrder) })),
  /** 取单: brings a held order back to the counter (the order there, if it has lines, is held). */
  recall: command(
    z.object({ orderId: OrderId }).strict(),
    z.object({ order: OrderView, held: HeldOrder.nullable() }),
  ),
  /** 清单: throws the order away (the supervisor, if it has lines). */
  cancel: command(z.object({ orderId: OrderId, ...Approval }).strict(), z.object({})),
  payCash: command(
    z
      .object({
        orderId: OrderId,
        tenderedFen: Fen.max(MAX_AMOUNT_FEN * 10, { message: 'tenderedRange' }),
      })
      .strict(),
    Paid.extend({ transaction: TransactionView }),
  ),
  /** Split tender: amountFen is this payment (at most what is left); without it, all that is left. */
  payCard: command(
    z.object({ orderId: OrderId, amountFen: AmountFen.optional() }).strict(),
    z.object({ order: OrderView, outcome: CardOutcome, printJobs: z.array(PrintJob) }),
  ),
  payQr: command(
    z
      .object({
        orderId: OrderId,
        code: PaymentCodeInput,
        amountFen: AmountFen.optional(),
      })
      .strict(),
    z.object({ order: OrderView, outcome: QrOutcome, printJobs: z.array(PrintJob) }),
  ),
  /** 整单撤销: the supervisor approves giving back every payment of a partly paid order. */
  abandon: command(
    z.object({ orderId: OrderId, supervisor: SupervisorApproval }).strict(),
    OrderUndoView,
  ),
  /** Gives back the next payment of an abandoned order (called until finished; resumes after a crash). */
  undoNext: command(z.object({ orderId: OrderId }).strict(), OrderUndoView),
  /** The abandon of an order as it stands, or null. */
  undoState: channel(
    z.object({ orderId: OrderId }).strict(),
    z.object({ undo: OrderUndoView.nullable() }),
  ),
  getRules: channel(NoInput, CheckoutRules),
  /** Saved atomically and audited old → new (supervisor or technician). */
  saveRules: command(CheckoutRules, CheckoutRules),
  /** The order receipt again, marked 重打印 / DUPLICATE. */
  reprint: command(z.object({ orderId: OrderId }).strict(), z.array(PrintJob)),
};
