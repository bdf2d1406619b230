import { z } from 'zod';
import { channel } from './channel';
import { NoInput, OperatorNo, Role, Session } from './common';

/** Typed passwords are only length-capped here; the per-role rules live on the main side. */
const TypedPassword = z.string().max(32, { message: 'passwordTooLong' });

export const SignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), session: Session }),
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
  signIn: channel(z.object({ operatorNo: OperatorNo, password: TypedPassword }), SignInResult),
  changePassword: channel(
    z.object({
      operatorNo: OperatorNo,
      currentPassword: TypedPassword,
      newPassword: TypedPassword,
      confirmPassword: TypedPassword,
    }),
    z.object({ session: Session }),
  ),
  signOff: channel(NoInput, z.object({})),
  session: channel(NoInput, z.object({ session: Session.nullable() })),
};
