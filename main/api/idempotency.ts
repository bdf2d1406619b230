import { REQUEST_ID_PATTERN, type PosError, type Result } from '../../preload/contract';
import { errorFields, type Logger } from '../core/logger';
import { runInRequest, type RequestScope } from '../core/request-scope';

/** What the router keeps of a state-changing call (repos.requests). */
export interface RequestLog {
  get(requestId: string): {
    channel: string;
    state: 'in_progress' | 'done' | 'interrupted';
    result: unknown;
  } | null;
  finish(scope: RequestScope, result: unknown, now: number): void;
  vouchersOf(requestId: string): string[];
}

/** What `app:outcome` tells a renderer that lost the answer to a call. */
export type RequestOutcome =
  | { state: 'done'; result: unknown }
  | { state: 'running' }
  | { state: 'interrupted'; vouchers: string[] }
  | { state: 'unknown' };

/** How long `app:outcome` waits for a call still running before saying so (the renderer asks again). */
const OUTCOME_WAIT_MS = 20_000;

/**
 * Answers each state-changing call at most once per request id (issue 16,
 * ENGINEERING.md "Idempotent calls"). The first call with an id runs inside
 * its request scope, so every SQLite transaction it commits records the id
 * with the change; its reply is recorded when it ends. A repeat gets the
 * running call's reply or the recorded one and changes nothing; an id whose
 * call was cut short by a stop answers REQUEST_INTERRUPTED naming the
 * transactions it made.
 */
export function createIdempotency(deps: { log: RequestLog; now: () => number; logger: Logger }) {
  const running = new Map<string, { channel: string; done: Promise<Result<unknown>> }>();

  const refuse = (rule: string): Result<unknown> => ({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: [{ field: 'requestId', rule }] },
  });
  const interrupted = (requestId: string): PosError => {
    const vouchers = deps.log.vouchersOf(requestId);
    return {
      code: 'REQUEST_INTERRUPTED',
      params: { count: vouchers.length, vouchers: vouchers.join(', ') || '—' },
    };
  };

  return {
    /** Checks the id's form: a state-changing call without a proper id is refused. */
    valid(requestId: unknown): requestId is string {
      return typeof requestId === 'string' && REQUEST_ID_PATTERN.test(requestId);
    },
    refuseMissing: () => refuse('requestId'),

    async once(
      requestId: string,
      channel: string,
      operatorNo: string | null,
      run: () => Promise<Result<unknown>>,
    ): Promise<Result<unknown>> {
      const inFlight = running.get(requestId);
      if (inFlight) return inFlight.channel === channel ? inFlight.done : refuse('requestIdReused');
      const recorded = deps.log.get(requestId);
      if (recorded) {
        if (recorded.channel !== channel) return refuse('requestIdReused');
        if (recorded.state === 'done') return recorded.result as Result<unknown>;
        return { ok: false, error: interrupted(requestId) };
      }
      const scope: RequestScope = {
        requestId,
        channel,
        operatorNo,
        at: deps.now(),
        recorded: false,
        finished: false,
      };
      const done = runInRequest(scope, run).then((result) => {
        scope.finished = true;
        try {
          deps.log.finish(scope, result, deps.now());
        } catch (err) {
          deps.logger.error('recording a call outcome failed', { channel, ...errorFields(err) });
        }
        running.delete(requestId);
        return result;
      });
      running.set(requestId, { channel, done });
      return done;
    },

    /** The channels of the state-changing calls running now (a sign-off waits for the money ones). */
    runningChannels(): string[] {
      return [...running.values()].map((r) => r.channel);
    },

    /** For a renderer that lost the answer: the outcome, waiting a while for a running call. */
    async outcome(requestId: string): Promise<RequestOutcome> {
      const inFlight = running.get(requestId);
      if (inFlight) {
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([
          inFlight.done,
          new Promise<null>((resolve) => {
            timer = setTimeout(() => resolve(null), OUTCOME_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
        return waited ? { state: 'done', result: waited } : { state: 'running' };
      }
      const recorded = deps.log.get(requestId);
      if (!recorded) return { state: 'unknown' };
      if (recorded.state === 'done') return { state: 'done', result: recorded.result };
      return { state: 'interrupted', vouchers: deps.log.vouchersOf(requestId) };
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
