import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, Timestamp } from './common';
import { AmountFen, Fen } from './money';
import { PrintJob } from './print';
import { SupervisorApproval } from './qr';
import { ShiftSummary } from './shift';

const Int = z.number().int();

/** The notes and coins a count may be given by (fen): ¥100 … ¥0.1. */
export const DENOMINATIONS_FEN = [10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10] as const;

/** How many of one note or coin were counted. */
export const DenominationCount = z
  .object({
    valueFen: z.union(
      [
        z.literal(10_000),
        z.literal(5_000),
        z.literal(2_000),
        z.literal(1_000),
        z.literal(500),
        z.literal(100),
        z.literal(50),
        z.literal(10),
      ],
      { message: 'denomination' },
    ),
    pieces: z
      .number({ message: 'pieces' })
      .int({ message: 'pieces' })
      .min(0, { message: 'pieces' })
      .max(99_999, { message: 'pieces' }),
  })
  .strict();
export type DenominationCount = z.infer<typeof DenominationCount>;

/**
 * The drawer's figures: for a shift, or summed over a day (X) or a batch (Z).
 * expected = float + cash sales − cash voids/refunds + paid-in − paid-out;
 * over/short (长短款) = counted − expected (negative: short). `expectedFen` is
 * null on a cashier's own shift before the count (the count is blind);
 * `countedFen`/`overShortFen` are null until counted and, for X/Z, add up the
 * shifts counted in the span (`counts` of them).
 */
export const DrawerFigures = z.object({
  floatFen: Int,
  cashSalesFen: Int,
  cashRefundsFen: Int,
  paidInFen: Int,
  paidOutFen: Int,
  expectedFen: Int.nullable(),
  countedFen: Int.nullable(),
  overShortFen: Int.nullable(),
  counts: Int,
});
export type DrawerFigures = z.infer<typeof DrawerFigures>;

export const CashMovement = z.object({
  id: Int,
  kind: z.enum(['float', 'in', 'out']),
  amountFen: Fen,
  reason: z.string(),
  approvedBy: z.string().nullable(),
  at: Timestamp,
});
export type CashMovement = z.infer<typeof CashMovement>;

/** The blind count once made: what was counted, against what was expected. */
export const CashCount = z.object({
  countedFen: Fen,
  denominations: z.array(DenominationCount).nullable(),
  countedAt: Timestamp,
  drawer: DrawerFigures,
});
export type CashCount = z.infer<typeof CashCount>;

/**
 * The signed-in cashier's drawer this shift. Never the expected amount before
 * the count: `count` is null until then.
 */
export const CashStatus = z.object({
  shiftId: Int,
  /** The shop keeps floats (parameter `cash.floatRequired`): no payment before this shift's float. */
  floatRequired: z.boolean(),
  floatFen: Fen.nullable(),
  movements: z.array(CashMovement),
  count: CashCount.nullable(),
});
export type CashStatus = z.infer<typeof CashStatus>;

const Reason = z
  .string()
  .trim()
  .min(1, { message: 'cashReason' })
  .max(40, { message: 'cashReason' });

export const CountInput = z.discriminatedUnion('by', [
  z.object({ by: z.literal('total'), countedFen: Fen.max(99_999_999) }).strict(),
  z
    .object({ by: z.literal('denominations'), denominations: z.array(DenominationCount).max(8) })
    .strict(),
]);
export type CountInput = z.infer<typeof CountInput>;

/** The drawer's rule as a terminal parameter: whether a shift needs its float before a payment. */
export const CashRules = z.object({ floatRequired: z.boolean() });
export type CashRules = z.infer<typeof CashRules>;

/** 钱箱管理 (PRODUCT.md §13): float, paid-in / paid-out, the blind count at 交班. */
export const cash = {
  /** The cashier's drawer this shift (no expected amount before the count). */
  status: channel(NoInput, CashStatus),
  /** 备用金: the opening float, once per shift (may be 0); the drawer opens; audited. */
  setFloat: command(z.object({ amountFen: Fen.max(99_999_999) }).strict(), CashStatus),
  /** 收入 / 支出 with a reason and the supervisor's password; the drawer opens; audited. */
  move: command(
    z
      .object({
        kind: z.enum(['in', 'out']),
        amountFen: AmountFen,
        reason: Reason,
        supervisor: SupervisorApproval,
      })
      .strict(),
    z.object({ movement: CashMovement, printJobs: z.array(PrintJob) }),
  ),
  /**
   * 交班 blind count: records what was counted (a total, or by denomination),
   * then answers expected vs counted and over/short, and prints the shift report.
   * Once per shift.
   */
  count: command(
    CountInput,
    z.object({ count: CashCount, shift: ShiftSummary, printJobs: z.array(PrintJob) }),
  ),
  /** Whether the shop keeps floats (any signed-in operator reads it; the sale screens do). */
  rules: channel(NoInput, CashRules),
  /** Supervisor or technician: turn the float rule on or off; audited old → new. */
  saveRules: command(CashRules.strict(), CashRules),
};
