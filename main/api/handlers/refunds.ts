import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function refundsHandlers(s: ApiServices): DomainHandlers<'refunds'> {
  return {
    card: (input, ctx) => s.cardRefund.refund(input, requireSession(ctx)),
    cash: (input, ctx) => s.cashRefund.refund(input, requireSession(ctx)),
    resolve: (input, ctx) => s.cardRefund.resolve(input, requireSession(ctx)),
  };
}
