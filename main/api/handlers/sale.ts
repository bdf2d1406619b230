import type { ApiServices, DomainHandlers } from '../types';
import { payingSession } from '../types';

export function saleHandlers(s: ApiServices): DomainHandlers<'sale'> {
  return {
    cash: (input, ctx) => s.sale.cash(input, payingSession(s, ctx)),
    showDue: ({ amountFen }) => s.customerDisplay.due(amountFen),
  };
}
