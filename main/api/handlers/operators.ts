import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function operatorsHandlers(s: ApiServices): DomainHandlers<'operators'> {
  return {
    list: (_input, ctx) => ({ operators: s.operators.list(requireSession(ctx)) }),
    add: (input, ctx) => s.operators.add(input, requireSession(ctx)),
    rename: (input, ctx) => s.operators.rename(input, requireSession(ctx)),
    setDisabled: (input, ctx) => s.operators.setDisabled(input, requireSession(ctx)),
    remove: (input, ctx) => s.operators.remove(input, requireSession(ctx)),
    resetPassword: (input, ctx) => s.operators.resetPassword(input, requireSession(ctx)),
    unlock: (input, ctx) => s.operators.unlock(input, requireSession(ctx)),
  };
}
