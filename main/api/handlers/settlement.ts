import { fail } from '../../domain/errors';
import { runningMoneyCall } from '../money-calls';
import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function settlementHandlers(s: ApiServices): DomainHandlers<'settlement'> {
  return {
    preview: () => s.settlement.preview(),
    run: (_input, ctx) => {
      // A payment still running (the cashier's card sale at the PIN pad) would
      // be left out of the batch it was numbered in, or sent under keys the
      // settlement has just retired: the settlement waits for it.
      const clear = () => {
        const busy = runningMoneyCall(s, 'settlement:run');
        if (busy) fail('SETTLEMENT_BUSY', { channel: busy });
      };
      clear();
      // Again once the reversals have gone out: one started meanwhile from another window.
      return s.settlement.settle(requireSession(ctx), clear);
    },
  };
}
