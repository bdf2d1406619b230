import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function cashHandlers(s: ApiServices): DomainHandlers<'cash'> {
  return {
    status: (_input, ctx) => s.cashDrawer.status(requireSession(ctx)),
    setFloat: ({ amountFen }, ctx) => s.cashDrawer.setFloat(requireSession(ctx), amountFen),
    move: (input, ctx) => s.cashDrawer.move(requireSession(ctx), input),
    count: (input, ctx) => s.cashDrawer.count(requireSession(ctx), input),
    rules: () => s.cashDrawer.rules(),
    saveRules: (input, ctx) => s.cashDrawer.saveRules(input, requireSession(ctx).operatorNo),
  };
}
