import { z } from 'zod';
import { channel, command } from './channel';
import { TypedPassword } from './auth';
import { CARD_DATA_REFUSAL, NoInput, OperatorNo, noCardData } from './common';
import { AmountFen } from './money';
import { PrintJob } from './print';
import { SaleItemInput, TransactionView } from './sale';

/**
 * A customer's payment code as scanned or typed. Card data (a swiped track, a
 * grouped card number) is refused under `rules.cardData`; a bare run the till
 * takes for a payment code goes on as one (see card-data.ts for the trade-off).
 */
export const PaymentCodeInput = z
  .string()
  .refine(noCardData({ paymentCodes: true }), CARD_DATA_REFUSAL)
  .max(64, { message: 'paymentCode' });

/** What the cashier sees while a QR payment runs (pushed as events). */
export const QrPhase = z.enum(['paying', 'waiting-for-customer', 'cancelling']);

const Reason = z.enum([
  'gateway-declined',
  'gateway-unauthorized',
  'gateway-rejected',
  'timed-out',
  'cashier-cancelled',
]);

const Gateway = { gatewayCode: z.string().nullable(), gatewayMessage: z.string().nullable() };

export const QrOutcome = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('approved'),
    transaction: TransactionView,
    printJobs: z.array(PrintJob),
  }),
  /** The gateway said no (余额不足 …): the order is over, nothing was taken. */
  z.object({
    outcome: z.literal('declined'),
    reason: Reason,
    transaction: TransactionView,
    ...Gateway,
  }),
  /** Unpaid and closed (timed out or cancelled by the cashier): nothing was taken. */
  z.object({ outcome: z.literal('cancelled'), reason: Reason, transaction: TransactionView }),
  /** The cancel did not stick yet: it is retried in the background until it does. */
  z.object({ outcome: z.literal('cancel-pending'), reason: Reason, transaction: TransactionView }),
  /** The gateway refused the cancel: a person must check (a fault slip was printed). */
  z.object({
    outcome: z.literal('cancel-failed'),
    reason: Reason,
    transaction: TransactionView,
    ...Gateway,
  }),
]);
export type QrOutcome = z.infer<typeof QrOutcome>;

export const QrRefundOutcome = z.object({
  outcome: z.enum(['approved', 'declined', 'uncertain']),
  transaction: TransactionView,
  printJobs: z.array(PrintJob),
  gatewayCode: z.string().nullable(),
});
export type QrRefundOutcome = z.infer<typeof QrRefundOutcome>;

/** A supervisor (主管 00) approves at the counter with their own password. */
export const SupervisorApproval = z
  .object({ operatorNo: OperatorNo, password: TypedPassword })
  .strict();

/** The gateway as the technician sets it up; the token is write-only (sealed at rest). */
export const QrGatewaySettings = z.object({
  baseUrl: z
    .string()
    .trim()
    .max(200, { message: 'gatewayUrl' })
    .regex(/^$|^https?:\/\/[^\s]+$/, { message: 'gatewayUrl' }),
  timeoutSec: z
    .number({ message: 'gatewayTimeout' })
    .int({ message: 'gatewayTimeout' })
    .min(1, { message: 'gatewayTimeout' })
    .max(60, { message: 'gatewayTimeout' }),
});

export const qr = {
  /** Administrator (99): where the gateway is; whether a token is stored (never the token). */
  getGateway: channel(NoInput, QrGatewaySettings.extend({ tokenSet: z.boolean() })),
  /** Administrator (99): a new token replaces the stored one; omit it to keep it. */
  saveGateway: command(
    QrGatewaySettings.extend({
      token: z
        .string()
        .trim()
        .min(8, { message: 'gatewayToken' })
        .max(512, { message: 'gatewayToken' })
        .optional(),
    }).strict(),
    QrGatewaySettings.extend({ tokenSet: z.boolean() }),
  ),
  pay: command(
    z
      .object({
        amountFen: AmountFen,
        /** As scanned or typed; classified (WeChat/Alipay/UnionPay) before any network call. */
        code: PaymentCodeInput,
        items: z.array(SaleItemInput).max(200, { message: 'tooManyItems' }).optional(),
      })
      .strict()
      .refine(
        (s) =>
          !s.items?.length ||
          s.items.reduce((t, i) => t + i.quantity * i.unitPriceFen, 0) === s.amountFen,
        { message: 'amountNotItemsTotal', path: ['amountFen'] },
      ),
    QrOutcome,
  ),
  /** The cashier gives up waiting: the order is cancelled (never left unpaid-but-open). */
  cancel: channel(NoInput, z.object({})),
  /** 退货 to the same wallet: partial and repeated, up to what is left of the payment. */
  refund: command(
    z
      .object({
        txId: z.number().int().positive(),
        amountFen: AmountFen,
        supervisor: SupervisorApproval,
      })
      .strict(),
    QrRefundOutcome,
  ),
};

export const qrEvents = {
  'qr:progress': z.object({ phase: QrPhase, secondsLeft: z.number().int().nullable() }),
};
