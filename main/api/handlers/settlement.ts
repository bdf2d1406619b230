import { refuseWhileMoneyRuns } from '../money-calls';
import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function settlementHandlers(s: ApiServices): DomainHandlers<'settlement'> {
  return {
    preview: () => s.settlement.preview(),
    run: (_input, ctx) => {
      // A payment still running (the cashier's card sale at the PIN pad) would
      // be left out of the batch it was numbered in, or sent under keys the
      // settlement has just retired: the settlement waits for it.
      const clear = refuseWhileMoneyRuns(s, 'settlement:run', 'SETTLEMENT_BUSY');
      // Asked again once the reversals have gone out: one started meanwhile from another window.
      return s.settlement.settle(requireSession(ctx), clear);
    },
  };
}
