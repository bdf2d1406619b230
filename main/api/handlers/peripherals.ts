import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function peripheralsHandlers(s: ApiServices): DomainHandlers<'peripherals'> {
  return {
    get: () => s.peripherals.current(),
    save: (input, ctx) => s.peripherals.save(input, requireSession(ctx).operatorNo),
    discover: () => s.peripherals.discover(),
  };
}
