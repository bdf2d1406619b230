import { z } from 'zod';
import { TypedPassword } from './auth';
import { channel, command } from './channel';
import {
  CARD_DATA_REFUSAL,
  NoInput,
  OperatorNo,
  Role,
  Timestamp,
  isPlainText,
  noCardData,
} from './common';

/** Cashier numbers are 01–98 (00 is the supervisor, 99 the technician). */
export const CashierNo = z.string().regex(/^(0[1-9]|[1-8]\d|9[0-8])$/, { message: 'cashierNo' });

export const OperatorName = z
  .string()
  .trim()
  .refine(noCardData(), CARD_DATA_REFUSAL)
  .min(1, { message: 'operatorName' })
  .max(20, { message: 'operatorName' })
  .refine(isPlainText, { message: 'textChars' });

/** An operator as the manager's list shows them; never the password hash. */
export const OperatorView = z.object({
  operatorNo: OperatorNo,
  role: Role,
  name: z.string(),
  disabled: z.boolean(),
  lockedUntil: Timestamp.nullable(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: Timestamp.nullable(),
  /** Signed in and not yet signed off (交班 pending). */
  onShift: z.boolean(),
});
export type OperatorView = z.infer<typeof OperatorView>;

const Target = z.object({ operatorNo: OperatorNo }).strict();

/**
 * Manager screens (PRODUCT.md §2). The supervisor (00) manages cashiers; the
 * technician (99) can only reset or unlock the supervisor. Checked on the main
 * side for every call.
 */
export const operators = {
  list: channel(NoInput, z.object({ operators: z.array(OperatorView) })),
  /** A new cashier with a temporary password, changed at the first sign-in. */
  add: command(
    z.object({ operatorNo: CashierNo, name: OperatorName, password: TypedPassword }).strict(),
    OperatorView,
  ),
  rename: command(z.object({ operatorNo: OperatorNo, name: OperatorName }).strict(), OperatorView),
  setDisabled: command(
    z.object({ operatorNo: OperatorNo, disabled: z.boolean() }).strict(),
    OperatorView,
  ),
  /** Only a cashier nothing kept names (no transaction, order or shift); others are disabled instead. */
  remove: command(Target, z.object({})),
  /** A temporary password, to be changed at the next sign-in; lifts a lock. */
  resetPassword: command(
    z.object({ operatorNo: OperatorNo, password: TypedPassword }).strict(),
    OperatorView,
  ),
  unlock: command(Target, OperatorView),
};
