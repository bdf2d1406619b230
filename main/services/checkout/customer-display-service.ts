import { amountDueLines, changeLines, type CustomerDisplay } from '../../../native/display';
import { errorFields, type Logger } from '../../core/logger';

/**
 * What the customer reads on the pole display: the amount due while the
 * cashier takes the tender, then what was paid and the change. A display that
 * is unplugged or fails never holds up or undoes a sale: it is logged.
 */
export function createCustomerDisplayService(deps: { display: CustomerDisplay; logger: Logger }) {
  const show = (lines: [string, string]) => {
    deps.display.show(lines).catch((err: unknown) => {
      deps.logger.warn('customer display failed', errorFields(err));
    });
  };
  let pending: NodeJS.Immediate | null = null;
  return {
    due(amountFen: number): Record<string, never> {
      show(amountDueLines(amountFen));
      return {};
    },
    /** After a sale: shown on the next turn of the event loop, once the cashier has the answer. */
    paid(tenderedFen: number, changeFen: number): void {
      if (pending) clearImmediate(pending);
      pending = setImmediate(() => {
        pending = null;
        show(changeLines(tenderedFen, changeFen));
      });
    },
    /** Before the display closes: nothing more is sent to it. */
    stop(): void {
      if (pending) clearImmediate(pending);
      pending = null;
    },
  };
}
export type CustomerDisplayService = ReturnType<typeof createCustomerDisplayService>;
