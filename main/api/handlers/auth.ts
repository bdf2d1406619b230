import type { ApiServices, DomainHandlers } from '../types';

export function authHandlers(s: ApiServices): DomainHandlers<'auth'> {
  return {
    signIn: (input) => s.auth.signIn(input.operatorNo, input.password),
    changePassword: (input) => s.auth.changePassword(input),
    signOff: () => s.auth.signOff(),
    shift: () => s.auth.shift(),
    session: () => ({ session: s.session.current() }),
  };
}
