import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function preauthHandlers(s: ApiServices): DomainHandlers<'preauth'> {
  return {
    start: (input, ctx) => s.card.preauth(input.amountFen, requireSession(ctx)),
    cancel: (input, ctx) => s.preauth.cancel(input, requireSession(ctx)),
    complete: (input, ctx) => s.preauth.complete(input, requireSession(ctx)),
    open: () => ({ transactions: s.preauth.open() }),
  };
}
