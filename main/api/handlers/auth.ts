import { refuseWhileMoneyRuns } from '../money-calls';
import type { ApiServices, DomainHandlers } from '../types';

export function authHandlers(s: ApiServices): DomainHandlers<'auth'> {
  return {
    // A sign-in over a running payment (a reloaded screen, a second window)
    // would put another operator's session under a sale the host may still
    // approve: it waits for the payment, as the sign-off does.
    // Asked before the password check and again after it (auth-service), as
    // a payment may start from another window while the hash is worked out.
    signIn: (input) => {
      const mayStart = refuseWhileMoneyRuns(s, 'auth:signIn', 'SIGN_IN_BUSY');
      return s.auth.signIn(input.operatorNo, input.password, mayStart);
    },
    changePassword: (input) => {
      const mayStart = refuseWhileMoneyRuns(s, 'auth:changePassword', 'SIGN_IN_BUSY');
      return s.auth.changePassword(input, mayStart);
    },
    signOff: (input, ctx) => {
      // A payment, refund or drawer movement still running (a card sale at the
      // host, a paid-out waiting for the supervisor's password) would land in
      // the shift after its report and count: the sign-off waits for it.
      refuseWhileMoneyRuns(s, 'auth:signOff', 'SIGN_OFF_BUSY');
      // The drawer is closed first (its count recorded), then the shift ends.
      const count = ctx.session ? s.cashDrawer.closeForSignOff(ctx.session, input.count) : null;
      return { ...s.auth.signOff(), count };
    },
    shift: () => s.auth.shift(),
    session: () => ({ session: s.session.current() }),
  };
}
