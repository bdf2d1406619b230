import { requireSession, type ApiServices, type DomainHandlers } from '../types';

/** Returns by line (issue 15): the service checks the supervisor's password in each change. */
export function returnsHandlers(s: ApiServices): DomainHandlers<'returns'> {
  return {
    order: (input) => s.returns.order(input.orderNo),
    search: (input) => s.returns.search(input.date, input.last4),
    quote: (input) => s.returns.quote(input.orderId, input.lines),
    create: (input, ctx) => s.returns.create(input, requireSession(ctx)),
    resume: (input, ctx) => s.returns.resume(input, requireSession(ctx)),
    cancel: (input) => s.returns.cancel(input),
    withoutOriginal: (input, ctx) => s.returns.withoutOriginal(input, requireSession(ctx)),
    get: (input) => s.returns.get(input.returnId),
    open: () => s.returns.open(),
    rules: () => s.returns.rules(),
    saveRules: (input, ctx) => s.returns.saveRules(input, requireSession(ctx).operatorNo),
  };
}
