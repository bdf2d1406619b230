import type { ApiServices, DomainHandlers } from '../types';

export function authHandlers(s: ApiServices): DomainHandlers<'auth'> {
  return {
    signIn: (input) => s.auth.signIn(input.operatorNo, input.password),
    changePassword: (input) => s.auth.changePassword(input),
    signOff: (input, ctx) => {
      // The drawer is closed first (its count recorded), then the shift ends.
      const count = ctx.session ? s.cashDrawer.closeForSignOff(ctx.session, input.count) : null;
      return { ...s.auth.signOff(), count };
    },
    shift: () => s.auth.shift(),
    session: () => ({ session: s.session.current() }),
  };
}
