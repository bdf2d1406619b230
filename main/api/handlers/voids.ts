import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function voidsHandlers(s: ApiServices): DomainHandlers<'voids'> {
  return {
    run: (input, ctx) => s.voids.void(input, requireSession(ctx)),
  };
}
