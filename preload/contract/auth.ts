import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, OperatorNo, Role, Session, Timestamp } from './common';
import { PosError } from './errors';
import { CashCount, CountInput } from './cash-count';
import { ShiftSummary } from './shift';

/** Typed passwords are only length-capped here; the per-role rules live on the main side. */
export const TypedPassword = z.string().max(32, { message: 'passwordTooLong' });

/**
 * Signing an operator in also signs the terminal in to the acquirer host (keys,
 * host time). If that fails the operator is still in (cash works) and the
 * screen says why cards can't be taken yet and what to do.
 */
export const HostSignInOutcome = z.object({
  attempted: z.boolean(),
  ok: z.boolean(),
  hostTime: Timestamp.nullable(),
  error: PosError.nullable(),
});
export type HostSignInOutcome = z.infer<typeof HostSignInOutcome>;

export const SignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), session: Session, host: HostSignInOutcome }),
  z.object({
    status: z.literal('password-change-required'),
    operatorNo: OperatorNo,
    role: Role,
    /** default: never changed since the terminal was set up; expired: too old. */
    reason: z.enum(['default', 'expired', 'reset']),
    passwordLength: z.number().int(),
  }),
]);
export type SignInResult = z.infer<typeof SignInResult>;

export const auth = {
  signIn: channel(
    z.object({ operatorNo: OperatorNo, password: TypedPassword }).strict(),
    SignInResult,
  ),
  changePassword: command(
    z
      .object({
        operatorNo: OperatorNo,
        currentPassword: TypedPassword,
        newPassword: TypedPassword,
        confirmPassword: TypedPassword,
      })
      .strict(),
    z.object({ session: Session, host: HostSignInOutcome }),
  ),
  /**
   * 签退 / 交班: ends the shift and returns its summary (null when nobody was
   * signed in). A cashier's shift ends only with its blind count: made before
   * (`cash:count`) or carried here (a total or by denomination), else
   * CASH_COUNT_REQUIRED. `count` is the cashier's count (null for others).
   */
  signOff: command(
    z.object({ count: CountInput.optional() }).strict(),
    z.object({ shift: ShiftSummary.nullable(), count: CashCount.nullable() }),
  ),
  /** The signed-in operator's shift so far, shown before signing off. */
  shift: channel(NoInput, ShiftSummary),
  session: channel(NoInput, z.object({ session: Session.nullable() })),
};
