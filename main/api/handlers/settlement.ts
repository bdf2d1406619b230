import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function settlementHandlers(s: ApiServices): DomainHandlers<'settlement'> {
  return {
    preview: () => s.settlement.preview(),
    run: (_input, ctx) => s.settlement.settle(requireSession(ctx)),
  };
}
