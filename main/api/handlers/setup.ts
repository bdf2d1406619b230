import type { ApiServices, DomainHandlers } from '../types';
import { requireSession } from '../types';

export function setupHandlers(s: ApiServices): DomainHandlers<'setup'> {
  return {
    get: () => ({ setup: s.setup.current() }),
    save: (input, ctx) => ({ terminal: s.setup.save(input, requireSession(ctx).operatorNo) }),
  };
}
