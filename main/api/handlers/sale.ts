import type { ApiServices, DomainHandlers } from '../types';
import { requireSession } from '../types';

export function saleHandlers(s: ApiServices): DomainHandlers<'sale'> {
  return {
    cash: (input, ctx) => s.sale.cash(input, requireSession(ctx)),
    showDue: ({ amountFen }) => s.customerDisplay.due(amountFen),
  };
}
