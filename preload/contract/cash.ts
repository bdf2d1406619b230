import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, PlainText, Timestamp } from './common';
import { AmountFen, Fen } from './money';
import { PrintJob } from './print';
import { SupervisorApproval } from './qr';
import { ShiftSummary } from './shift';
import { CashCount, CountInput } from './cash-count';

export {
  CashCount,
  CountInput,
  DENOMINATIONS_FEN,
  DenominationCount,
  DrawerFigures,
} from './cash-count';

const Int = z.number().int();

export const CashMovement = z.object({
  id: Int,
  kind: z.enum(['float', 'in', 'out']),
  amountFen: Fen,
  reason: z.string(),
  approvedBy: z.string().nullable(),
  at: Timestamp,
});
export type CashMovement = z.infer<typeof CashMovement>;

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

const Reason = PlainText(1, 40, 'cashReason');

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
