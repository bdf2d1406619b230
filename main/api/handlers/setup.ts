import type { ApiServices, DomainHandlers } from '../types';
import { requireSession } from '../types';

export function setupHandlers(s: ApiServices): DomainHandlers<'setup'> {
  return {
    get: () => ({ setup: s.setup.current() }),
    save: (input, ctx) => ({ terminal: s.setup.save(input, requireSession(ctx).operatorNo) }),
    getHost: () => s.setup.host(),
    saveHost: (input, ctx) => s.setup.saveHost(input, requireSession(ctx).operatorNo),
    getPolicy: () => s.setup.policy(),
    savePolicy: (input, ctx) => s.setup.savePolicy(input, requireSession(ctx).operatorNo),
  };
}
