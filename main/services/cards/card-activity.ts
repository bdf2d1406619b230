import { AsyncLocalStorage } from 'node:async_hooks';
import type { CardEnded, RunningCard } from '../../../preload/contract';
import type { EventBus } from '../../core/events';
import { PosFailure } from '../../domain/errors';

/** How a transaction's value reads as an end: approved, declined (with the host's code)… */
export type CardVerdict = Pick<CardEnded, 'result' | 'responseCode'>;

/** How a sale, pre-auth, pre-auth follow-up or void ended (their outcomes share this shape). */
export const outcomeVerdict = (
  o:
    | { outcome: 'approved' }
    | { outcome: 'declined'; responseCode: string }
    | { outcome: 'reversal' },
): CardVerdict =>
  o.outcome === 'approved'
    ? { result: 'approved', responseCode: '00' }
    : o.outcome === 'declined'
      ? { result: 'declined', responseCode: o.responseCode }
      : { result: 'reversal', responseCode: null };

/**
 * The card transactions running now, kept for a screen that did not start
 * them. Their own screen follows each by the call's answer and card:progress;
 * a page reloaded meanwhile (its wait at the pad cancelled, screen-scope.ts,
 * but a request already at the host still running) asks `card:running` and
 * learns the end from `card:ended`.
 *
 * One instance for the till (composition root), shared by every service that
 * takes a card to the host — sale, pre-auth, balance, refund, void, pre-auth
 * cancel and completion — so whichever runs is found by the same question.
 * Only the sale family is exclusive (CARD_BUSY); a refund or void from another
 * window may overlap it, so more than one can be running: each is cleared by
 * its own end, and card:running answers the earliest still running.
 */
export function createCardActivity(events: EventBus) {
  const running: RunningCard[] = [];
  /** Which running transaction the current work belongs to (its timers and awaits included). */
  const owner = new AsyncLocalStorage<RunningCard>();
  return {
    current: (): RunningCard | null => (running[0] ? { ...running[0] } : null),
    /**
     * Runs `run` as a card transaction of `what`, from `what.phase` (default
     * connecting: the first progress event of its own screen corrects it).
     */
    async track<T>(
      what: Pick<RunningCard, 'kind' | 'amountFen'> & Partial<Pick<RunningCard, 'phase'>>,
      verdict: (value: T) => CardVerdict,
      run: () => Promise<T>,
    ): Promise<T> {
      const { kind, amountFen } = what;
      const now: RunningCard = { kind, amountFen, phase: what.phase ?? 'connecting' };
      running.push(now);
      // Its phase as its own screen sees it: card:progress, from its service and the host's.
      // The event names no transaction; with two at once, each takes only the
      // progress emitted from its own run (the async context it started).
      const off = events.on((event, payload) => {
        if (event === 'card:progress' && owner.getStore() === now)
          now.phase = (payload as { phase: RunningCard['phase'] }).phase;
      });
      // Cleared before card:ended goes out: a screen asking on that event finds nothing running.
      const end = (ended: Omit<CardEnded, 'kind' | 'amountFen'>) => {
        off();
        running.splice(running.indexOf(now), 1);
        events.emit('card:ended', { kind, amountFen, ...ended });
      };
      try {
        const value = await owner.run(now, run);
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
export type CardActivity = ReturnType<typeof createCardActivity>;
