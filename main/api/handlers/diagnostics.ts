import { isSimulatedCustomerDisplay } from '../../../native/display';
import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function diagnosticsHandlers(s: ApiServices): DomainHandlers<'diagnostics'> {
  return {
    run: ({ check }, ctx) => s.diagnostics.run(check, requireSession(ctx).operatorNo),
    openDrawer: (_input, ctx) => s.diagnostics.openDrawer(requireSession(ctx).operatorNo),
    display: () => ({
      kind: s.display.kind,
      lines: isSimulatedCustomerDisplay(s.display) ? s.display.lines() : null,
    }),
  };
}
