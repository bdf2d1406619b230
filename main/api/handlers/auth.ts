import { fail } from '../../domain/errors';
import { runningMoneyCall } from '../money-calls';
import type { ApiServices, DomainHandlers } from '../types';

function refuseBusy(s: ApiServices, self: string): void {
  const busy = runningMoneyCall(s, self);
  if (busy) fail('SIGN_IN_BUSY', { channel: busy });
}

export function authHandlers(s: ApiServices): DomainHandlers<'auth'> {
  return {
    // A sign-in over a running payment (a reloaded screen, a second window)
    // would put another operator's session under a sale the host may still
    // approve: it waits for the payment, as the sign-off does.
    // Asked before the password check and again after it (auth-service), as
    // a payment may start from another window while the hash is worked out.
    signIn: (input) => {
      const mayStart = () => refuseBusy(s, 'auth:signIn');
      mayStart();
      return s.auth.signIn(input.operatorNo, input.password, mayStart);
    },
    changePassword: (input) => {
      const mayStart = () => refuseBusy(s, 'auth:changePassword');
      mayStart();
      return s.auth.changePassword(input, mayStart);
    },
    signOff: (input, ctx) => {
      // A payment, refund or drawer movement still running (a card sale at the
      // host, a paid-out waiting for the supervisor's password) would land in
      // the shift after its report and count: the sign-off waits for it.
      const busy = runningMoneyCall(s, 'auth:signOff');
      if (busy) fail('SIGN_OFF_BUSY', { channel: busy });
      // The drawer is closed first (its count recorded), then the shift ends.
      const count = ctx.session ? s.cashDrawer.closeForSignOff(ctx.session, input.count) : null;
      return { ...s.auth.signOff(), count };
    },
    shift: () => s.auth.shift(),
    session: () => ({ session: s.session.current() }),
  };
}
