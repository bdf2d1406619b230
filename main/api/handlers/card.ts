import type { ApiServices, DomainHandlers } from '../types';
import { payingSession, requireSession } from '../types';

export function cardHandlers(s: ApiServices): DomainHandlers<'card'> {
  return {
    sale: (input, ctx) => s.sale.card(input, payingSession(s, ctx)),
    cancel: () => {
      s.card.cancel();
      return {};
    },
    balance: (_input, ctx) => s.card.balance(requireSession(ctx)),
    running: () => ({ running: s.card.running() }),
  };
}

export function hostHandlers(s: ApiServices): DomainHandlers<'host'> {
  return {
    signIn: (_input, ctx) => s.host.signIn(requireSession(ctx).operatorNo),
    echo: () => s.host.echo(),
    status: () => s.host.status(),
    flushReversals: async () => {
      await s.flushReversals();
      return s.host.status();
    },
  };
}

export function keysHandlers(s: ApiServices): DomainHandlers<'keys'> {
  return {
    status: () => s.keys.status(),
    injectTmk: (input, ctx) =>
      s.keys.inject(input.components, requireSession(ctx).operatorNo, {
        replaceSecretKey: input.replaceSecretKey === true,
      }),
  };
}
