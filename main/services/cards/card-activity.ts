import type { CardEnded, RunningCard } from '../../../preload/contract';
import type { EventBus } from '../../core/events';
import { PosFailure } from '../../domain/errors';

/** How a transaction's value reads as an end: approved, declined (with the host's code)… */
export type CardVerdict = Pick<CardEnded, 'result' | 'responseCode'>;

/**
 * The card transaction running now, kept for a screen that did not start it.
 * Its own screen follows it by the call's answer and card:progress; a page
 * reloaded meanwhile (its wait at the pad cancelled, screen-scope.ts, but a
 * request already at the host still running) asks `card:running` and learns
 * the end from `card:ended`.
 */
export function createCardActivity(events: EventBus) {
  let running: RunningCard | null = null;
  return {
    current: (): RunningCard | null => (running ? { ...running } : null),
    async track<T>(
      what: Pick<RunningCard, 'kind' | 'amountFen'>,
      verdict: (value: T) => CardVerdict,
      run: () => Promise<T>,
    ): Promise<T> {
      const now: RunningCard = { ...what, phase: 'connecting' };
      running = now;
      // Its phase as its own screen sees it: card:progress, from this service and the host's.
      const off = events.on((event, payload) => {
        if (event === 'card:progress')
          now.phase = (payload as { phase: RunningCard['phase'] }).phase;
      });
      // Cleared before card:ended goes out: a screen asking on that event finds nothing running.
      const end = (ended: Omit<CardEnded, 'kind' | 'amountFen'>) => {
        off();
        running = null;
        events.emit('card:ended', { ...what, ...ended });
      };
      try {
        const value = await run();
        end({ ...verdict(value), error: null });
        return value;
      } catch (err) {
        const error = err instanceof PosFailure ? err.error : { code: 'INTERNAL' as const };
        end({ result: 'failed', responseCode: null, error });
        throw err;
      }
    },
  };
}
