import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, PlainText, Timestamp } from './common';
import { PosError } from './errors';
import { AmountFen } from './money';
import { PrintJob } from './print';
import { SupervisorApproval } from './qr';
import { SaleItemInput, TransactionView } from './sale';

/** What the cashier sees while a card transaction runs (pushed as events). */
export const CardPhase = z.enum([
  'flushing-reversals',
  'insert-card',
  'enter-pin',
  'connecting',
  'waiting-host',
  'reversing',
  'printing',
]);

/**
 * Why a reversible card request (sale, pre-auth and its follow-ups, void) got
 * no valid answer, for the cashier's sentence: what the exchange saw, never
 * card data. timeout: nothing complete within `seconds` (`bytes` of a reply
 * had arrived); cut: the connection ended after `bytes` of a reply (0: none);
 * undecodable: the reply did not decode or had no response code; mismatch:
 * the reply answers another request (`field` differs; null: the message
 * type); bad-mac: the reply's MAC does not verify (or an approval has none).
 */
export const CardFault = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('timeout'),
    seconds: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  z.object({ kind: z.literal('cut'), bytes: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('undecodable') }),
  z.object({ kind: z.literal('mismatch'), field: z.number().int().positive().nullable() }),
  z.object({ kind: z.literal('bad-mac') }),
]);
export type CardFault = z.infer<typeof CardFault>;

/** The failed, reversed end of a reversible card request (sale, pre-auth, follow-up, void). */
export const ReversalOutcome = z.object({
  outcome: z.literal('reversal'),
  reason: z.enum(['98', 'A0']),
  delivered: z.boolean(),
  fault: CardFault,
  transaction: TransactionView,
});
export type ReversalOutcome = z.infer<typeof ReversalOutcome>;

export const CardOutcome = z.discriminatedUnion('outcome', [
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
  /** No valid answer: the sale failed and a reversal (冲正) was recorded; delivered or still pending. */
  ReversalOutcome,
]);
export type CardOutcome = z.infer<typeof CardOutcome>;

export const HostStatus = z.object({
  training: z.boolean(),
  signedIn: z.boolean(),
  hostTime: Timestamp.nullable(),
  /** Reversals not yet accepted by the host. */
  pendingReversals: z.number().int(),
  /** Card transactions refused until the pending reversals go through (fault slip printed). */
  cardsBlocked: z.boolean(),
  lastError: PosError.nullable(),
  /**
   * The open batch's fullest card count (field 48 counts n3: at most 999 per
   * side); null with no open batch. Standby warns from 900 on.
   */
  batchFill: z
    .object({ used: z.number().int(), max: z.number().int(), nearlyFull: z.boolean() })
    .nullable(),
});
export type HostStatus = z.infer<typeof HostStatus>;

/**
 * A card transaction running at the till, for a screen that did not start it:
 * a reloaded page, another window. It shows the transaction until `card:ended`
 * says how it went. Every exchange with the host a cashier starts for a card
 * at the counter: a sale (also an order's payment), 预授权, 余额查询, and the
 * follow-ups — 退货 (also of a return or an undone order), 消费撤销,
 * 预授权撤销, 预授权完成.
 */
export const RunningCard = z.object({
  kind: z.enum([
    'sale',
    'preauth',
    'balance',
    'refund',
    'void',
    'preauth_cancel',
    'preauth_complete',
  ]),
  amountFen: z.number().int().nonnegative(),
  phase: CardPhase,
});
export type RunningCard = z.infer<typeof RunningCard>;

/** How a card transaction ended, for the screens that watch it (card:ended). */
export const CardEnded = RunningCard.omit({ phase: true }).extend({
  /**
   * uncertain: a refund with no valid answer (refunds are never reversed):
   * nobody knows yet whether the money went back; it must not be tried again
   * before the bank is asked (refunds:resolve).
   */
  result: z.enum(['approved', 'declined', 'reversal', 'uncertain', 'failed']),
  /** The host's answer (00, 51…), when it gave one. */
  responseCode: z.string().nullable(),
  /** Why it failed (PINPAD_CANCELLED, HOST_UNREACHABLE…); null otherwise. */
  error: PosError.nullable(),
});
export type CardEnded = z.infer<typeof CardEnded>;

export const card = {
  sale: command(
    z
      .object({
        amountFen: AmountFen,
        items: z.array(SaleItemInput).max(200, { message: 'tooManyItems' }).optional(),
      })
      .strict()
      .refine(
        (s) =>
          !s.items?.length ||
          s.items.reduce((t, i) => t + i.quantity * i.unitPriceFen, 0) === s.amountFen,
        {
          message: 'amountNotItemsTotal',
          path: ['amountFen'],
        },
      ),
    CardOutcome,
  ),
  /** Stops waiting for the card or PIN (before anything was sent to the host). */
  cancel: channel(NoInput, z.object({})),
  /** 余额查询: nothing is stored. */
  balance: channel(
    NoInput,
    z.object({
      /** 00 with the balance, or the decline code (55 wrong PIN, …) */
      responseCode: z.string(),
      balanceFen: z.number().int().nullable(),
      balanceText: z.string(),
      panMasked: z.string(),
    }),
  ),
  /** The card transaction running now, if any (its screen may have gone: see RunningCard). */
  running: channel(NoInput, z.object({ running: RunningCard.nullable() })),
};

/** 退货 of a settled card sale: by its reference number and date; the card is read again. */
export const CardRefundOutcome = z.object({
  outcome: z.enum(['approved', 'declined', 'uncertain']),
  responseCode: z.string().nullable(),
  transaction: TransactionView,
  printJobs: z.array(PrintJob),
});
export type CardRefundOutcome = z.infer<typeof CardRefundOutcome>;

/**
 * Settles a card 退货 left 'uncertain' (no valid answer; refunds are never
 * reversed): the supervisor has asked the bank whether the money went back.
 */
export const ResolveRefundInput = z
  .object({
    txId: z.number().int().positive(),
    wentThrough: z.boolean(),
    supervisor: SupervisorApproval,
    note: PlainText(0, 80, 'resolveNote').optional(),
  })
  .strict();

export const refunds = {
  card: command(
    z
      .object({
        rrn: z.string().regex(/^\d{12}$/, { message: 'referenceNo' }),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'originalDate' }),
        amountFen: AmountFen,
        supervisor: SupervisorApproval,
      })
      .strict(),
    CardRefundOutcome,
  ),
  /** 退货 of a settled cash sale, found by its batch and voucher numbers; the drawer opens. */
  cash: command(
    z
      .object({
        batchNo: z.string().regex(/^\d{6}$/, { message: 'batchNo' }),
        traceNo: z.string().regex(/^\d{6}$/, { message: 'voucherNo' }),
        amountFen: AmountFen,
        supervisor: SupervisorApproval,
      })
      .strict(),
    z.object({
      outcome: z.literal('approved'),
      transaction: TransactionView,
      printJobs: z.array(PrintJob),
    }),
  ),
  /** An uncertain card refund settled after checking with the bank: approved or declined. */
  resolve: command(ResolveRefundInput, z.object({ transaction: TransactionView })),
};

export const host = {
  /** 签到 to the acquirer host: fresh working keys, host date/time. */
  signIn: channel(NoInput, z.object({ hostTime: Timestamp })),
  /** 0820 echo test: connectivity, round-trip time. */
  echo: channel(NoInput, z.object({ roundTripMs: z.number().int() })),
  status: channel(NoInput, HostStatus),
  /** Try pending reversals now. */
  flushReversals: channel(NoInput, HostStatus),
};

export const cardEvents = {
  /**
   * secondsLeft: while connecting, until the connection gives up; once sent
   * ('waiting-host'), until the reply wait ends (then a reversal). Null in
   * phases without a deadline.
   */
  'card:progress': z.object({ phase: CardPhase, secondsLeft: z.number().int().nullable() }),
  'card:ended': CardEnded,
  'host:status': HostStatus,
};
